// What the wiki itself recorded, read from Node over its API as an anonymous reader: tests and the
// benchmark check that an edit landed (or did not) here, never by trusting the gadget's answer.
import type { WikiAddress } from '../browser/browser.js';

export interface Revision {
	revid: number;
	user: string;
	/** Saved by a logged-out user, under an IP address. */
	anon: boolean;
	comment: string;
	content: string;
}

export interface RecentChange {
	type: string;
	title: string;
	user: string;
	anon: boolean;
	revid: number;
}

/** GET api.php with format=json&formatversion=2; throws on an API error. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function readApi( wiki: WikiAddress, params: Record<string, string> ): Promise<any> {
	const query = new URLSearchParams( { ...params, format: 'json', formatversion: '2' } );
	const response = await fetch( `${ wiki.apiUrl }?${ query }` );
	const result = await response.json();
	if ( result.error ) {
		throw new Error( `${ wiki.apiUrl }?${ query }: ${ result.error.code } (${ result.error.info })` );
	}
	return result;
}

/** Every revision of a page, oldest first; empty if the page does not exist. */
export async function revisionsOf( wiki: WikiAddress, title: string ): Promise<Revision[]> {
	const result = await readApi( wiki, {
		action: 'query', prop: 'revisions', titles: title, rvprop: 'ids|user|flags|comment|content',
		rvslots: 'main', rvlimit: 'max', rvdir: 'newer'
	} );
	const page = result.query.pages[ 0 ];
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return ( page.revisions ?? [] ).map( ( rev: any ): Revision => ( {
		revid: rev.revid,
		user: rev.user,
		anon: !!rev.anon,
		comment: rev.comment,
		content: rev.slots.main.content
	} ) );
}

/** The text of a page's latest revision; undefined if the page does not exist. */
export async function pageText( wiki: WikiAddress, title: string ): Promise<string | undefined> {
	const revisions = await revisionsOf( wiki, title );
	return revisions.length ? revisions[ revisions.length - 1 ].content : undefined;
}

/** Recent changes (edits and page creations) to one page, or to every page when `title` is absent. */
export async function recentChanges( wiki: WikiAddress, title?: string ): Promise<RecentChange[]> {
	const result = await readApi( wiki, {
		action: 'query', list: 'recentchanges', rcprop: 'title|user|flags|ids', rctype: 'edit|new',
		rclimit: 'max', ...( title ? { rctitle: title } : {} )
	} );
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return result.query.recentchanges.map( ( rc: any ): RecentChange => ( {
		type: rc.type,
		title: rc.title,
		user: rc.user,
		anon: !!rc.anon,
		revid: rc.revid
	} ) );
}
