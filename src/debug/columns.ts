import { TokenSnapshotEntry } from '../publicTypes';
import { Child, ElementFactory } from './element';
import type { Message, Texts } from './messages';
import { relativeTime } from './relativeTime';

/** What a cell is made from: one snapshot entry and what the panel knows about its row. */
export interface Row {
	entry: TokenSnapshotEntry;
	/** The full token, only in a row whose Reveal was clicked; '' otherwise. */
	full: string;
	now: number;
	msg: Message;
	el: ElementFactory;
	/** The row's buttons. */
	actions(): Child[];
}

export interface Column {
	/** The message `col-<name>` heads the column; a field of `snapshot()` where it shows one. */
	name: string;
	/** The heading in English, French and Spanish. */
	heading: Texts;
	cell( row: Row ): Child[];
}

/** The panel's columns in the order shown: heading and content together, so they cannot drift apart. */
export const COLUMNS: Column[] = [
	{ name: 'type', heading: [ 'Type', 'Type', 'Tipo' ], cell: ( row ) => [ row.entry.type ] },
	{
		name: 'masked',
		heading: [ 'Token', 'Jeton', 'Token' ],
		cell: ( row ) => [ row.el( 'code', [ row.full || row.entry.masked ] ), row.entry.anonymous ? ' (' + row.msg( 'anon' ) + ')' : '' ]
	},
	{
		name: 'issuedAt',
		heading: [ 'Issued', 'Émis', 'Emitido' ],
		cell: ( row ) => [ row.entry.issuedAt === null ? '' : relativeTime( row.entry.issuedAt, row.now, row.msg ) ]
	},
	{
		name: 'source',
		heading: [ 'Source', 'Origine', 'Origen' ],
		// Messages that can be used here:
		// * tokencache-source-page
		// * tokencache-source-fetched
		// * tokencache-source-refreshed
		cell: ( row ) => [ row.msg( 'source-' + row.entry.source ) ]
	},
	{ name: 'served', heading: [ 'Served', 'Servi', 'Servido' ], cell: ( row ) => [ String( row.entry.served ) ] },
	{ name: 'refreshed', heading: [ 'Refreshed', 'Renouvelé', 'Renovado' ], cell: ( row ) => [ String( row.entry.refreshed ) ] },
	{ name: 'actions', heading: [ 'Actions', 'Actions', 'Acciones' ], cell: ( row ) => row.actions() }
];
