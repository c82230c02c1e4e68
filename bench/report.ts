// Turns the bench's measurements into the table printed on the terminal and into bench/results.md.
import type { SizeReport } from './size.js';

/** One side of a comparison: `value` is what the ratio compares, `text` what the table shows. */
export interface Measure {
	value: number;
	text: string;
}

/** What one benchmark case measured on one wiki, through TokenCache ("ours") and through core `mw.Api`. */
export interface Outcome {
	/** The row's name in the table. */
	label: string;
	/** What the case does and what the numbers mean, for the results file. */
	about: string;
	/**
	 * Set on cases that share one `about` (e.g. one row per write pattern): the results file describes
	 * them once, under this name.
	 */
	family?: string;
	/** e.g. "1.43" */
	version: string;
	ours: Measure;
	core: Measure;
	minimum: string;
	/** Set when TokenCache did worse than the minimum: why. */
	note?: string;
}

export interface RunInfo {
	date: string;
	chromium: string;
	/** MediaWiki version → Debian package version of its code tree. */
	mediawiki: Record<string, string>;
	node: string;
	seconds: number;
}

const HEADERS = [ 'benchmark case', 'MediaWiki', 'TokenCache', 'core mw.Api', 'ours / core', 'theoretical minimum' ];

/** `ours / core`, or a dash where the quotient means nothing (0 / 0). */
function ratio( ours: number, core: number ): string {
	if ( core === 0 ) {
		return ours === 0 ? '–' : '∞';
	}
	const quotient = ours / core;
	return `${ quotient < 0.1 && quotient > 0 ? quotient.toPrecision( 1 ) : quotient.toFixed( 2 ) }×`;
}

export function median( values: number[] ): number {
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	const middle = Math.floor( sorted.length / 2 );
	return sorted.length % 2 ? sorted[ middle ] : ( sorted[ middle - 1 ] + sorted[ middle ] ) / 2;
}

function cells( outcome: Outcome ): string[] {
	return [ outcome.label, outcome.version, outcome.ours.text, outcome.core.text,
		ratio( outcome.ours.value, outcome.core.value ), outcome.minimum ];
}

function sizeLine( size: SizeReport ): string {
	return `${ size.file } (build ${ size.source }): ${ size.unminifiedBytes.toLocaleString( 'en' ) } bytes ` +
		`unminified, ${ size.rawBytes.toLocaleString( 'en' ) } bytes minified (the file), ` +
		`${ size.gzipBytes.toLocaleString( 'en' ) } bytes gzipped (zlib level 9; budget ${ size.budgetBytes.toLocaleString( 'en' ) })`;
}

/** The library, loaded where a gadget uses it; the debug gadget (link and panel), loaded for those who chose it; the shield's two files. */
function sizeLines( sizes: SizeReport[] ): string[] {
	return sizes.map( sizeLine );
}

/** A plain-text table for the terminal. */
export function textTable( outcomes: Outcome[], sizes: SizeReport[] ): string {
	const rows = [ HEADERS, ...outcomes.map( cells ) ];
	const widths = HEADERS.map( ( _header, column ) => Math.max( ...rows.map( ( row ) => row[ column ].length ) ) );
	const line = ( row: string[] ): string => row.map( ( cell, column ) => cell.padEnd( widths[ column ] ) ).join( ' | ' ).trimEnd();
	return [
		line( rows[ 0 ] ),
		widths.map( ( width ) => '-'.repeat( width ) ).join( '-+-' ),
		...rows.slice( 1 ).map( line ),
		'',
		...sizeLines( sizes )
	].join( '\n' );
}

/** bench/results.md: the table, the sizes, the setup, and why TokenCache is above the minimum where it is. */
export function markdown( outcomes: Outcome[], sizes: SizeReport[], run: RunInfo ): string {
	const escape = ( cell: string ): string => cell.replace( /\|/g, '\\|' );
	const row = ( values: string[] ): string => `| ${ values.map( escape ).join( ' | ' ) } |`;
	const notes = outcomes.filter( ( outcome ) => outcome.note );
	const describedAs = ( outcome: Outcome ): string => outcome.family ?? outcome.label;
	const described = outcomes.filter( ( outcome, i ) => outcomes.findIndex( ( other ) => describedAs( other ) === describedAs( outcome ) ) === i );
	return [
		'# TokenCache benchmark results',
		'',
		'Written by `npm run bench` (bench/run.ts); do not edit by hand. Request counts come from the',
		'browser\'s own network traffic (api.php requests with `meta=tokens`); times are measured with',
		'`performance.now()` inside the page. "core mw.Api" is how gadgets do it without TokenCache: each',
		'consumer makes its own `new mw.Api()` (or `new mw.ForeignApi()`) and calls `getToken` / `postWithToken`.',
		'',
		`- Date: ${ run.date }`,
		...Object.keys( run.mediawiki ).sort().map( ( version ) => `- MediaWiki ${ version }: Debian package \`${ run.mediawiki[ version ] }\`` ),
		`- Browser: headless Chromium ${ run.chromium }`,
		`- Node.js ${ run.node }; the whole run took ${ run.seconds.toFixed( 0 ) } s`,
		'',
		row( HEADERS ),
		row( HEADERS.map( () => '---' ) ),
		...outcomes.map( ( outcome ) => row( cells( outcome ) ) ),
		'',
		'"ours / core" compares token requests; for the warm cache it compares the time per call, after a lost session the anonymous edits.',
		'',
		'## The benchmark cases',
		'',
		...described.map( ( outcome ) => `- **${ describedAs( outcome ) }**: ${ outcome.about }` ),
		'',
		'## Size',
		'',
		sizeLines( sizes ).map( ( line ) => `- ${ line }.` ).join( '\n' ),
		'',
		'## Where TokenCache is above the minimum',
		'',
		...( notes.length ?
			notes.map( ( outcome ) => `- **${ outcome.label }, MediaWiki ${ outcome.version }**: ${ outcome.note }` ) :
			[ 'Nowhere in this run.' ] ),
		''
	].join( '\n' );
}
