import { COLUMNS } from './columns';

/** Interface texts of the debug panel, as `mw.messages` keys. */
export const MESSAGE_PREFIX = 'tokencache-';

/** A message by its name without the prefix; `$1` in the text is replaced by `param`. */
export type Message = ( name: string, param?: string ) => string;

/** The languages we ship; a message's texts come in this order. */
const LANGUAGES = [ 'en', 'fr', 'es' ];

/** One message's texts, in the order of LANGUAGES; a missing one means English. */
export type Texts = string[];

// Each name with its texts, side by side. `source-*` are the values of `source`; the column headings
// (`col-*`) come with the columns themselves (columns.ts).
const MESSAGES: Record<string, Texts> = {
	close: [ 'Close', 'Fermer', 'Cerrar' ],
	refresh: [ 'Refresh all', 'Tout renouveler', 'Renovar todo' ],
	reveal: [ 'Reveal', 'Afficher', 'Mostrar' ],
	hide: [ 'Hide', 'Masquer', 'Ocultar' ],
	copy: [ 'Copy', 'Copier', 'Copiar' ],
	copied: [ 'Copied', 'Copié', 'Copiado' ],
	failed: [ 'Failed', 'Échec', 'Error' ],
	anon: [ 'anonymous', 'anonyme', 'anónimo' ],
	ago: [ '$1 ago', 'il y a $1', 'hace $1' ],
	'source-page': [ 'page', 'page', 'página' ],
	'source-fetched': [ 'fetched', 'obtenu', 'obtenido' ],
	'source-refreshed': [ 'refreshed', 'renouvelé', 'renovado' ]
};

/** The messages for `mw.messages.set`: the user's language where we have it, English otherwise. */
export function messagesFor( language: string ): Record<string, string> {
	// `es-formal`, `es-419`: the base language is closer than English.
	const index = LANGUAGES.indexOf( language.split( '-' )[ 0 ] );
	const messages: Record<string, string> = {};
	const add = ( name: string, texts: Texts ): void => {
		messages[ MESSAGE_PREFIX + name ] = texts[ index ] || texts[ 0 ];
	};
	for ( const name in MESSAGES ) {
		add( name, MESSAGES[ name ] );
	}
	COLUMNS.forEach( ( column ) => add( 'col-' + column.name, column.heading ) );
	return messages;
}
