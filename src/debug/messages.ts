/** Interface texts of the debug panel, as `mw.messages` keys. */
export const MESSAGE_PREFIX = 'tokencache-';

/** A message by its name without the prefix; `$1` in the text is replaced by `param`. */
export type Message = ( name: string, param?: string ) => string;

// Names and texts are parallel lists rather than one object per language, so that each name is written
// once, not three times: the whole panel has a budget of some 600 bytes. An empty text means English.
// `col-*` head the columns (named after the fields of `snapshot()`), `source-*` are the values of `source`.
const NAMES = ( 'close refresh reveal hide copy copied failed anon ago col-type col-masked col-issuedAt col-source ' +
	'col-served col-refreshed source-page source-fetched source-refreshed' ).split( ' ' );
const TEXTS: Record<string, string> = {
	en: 'Close|Refresh all|Reveal|Hide|Copy|Copied|Failed|anonymous|$1 ago|Type|Token|Issued|Source|Served|Refreshed|page|fetched|refreshed',
	fr: 'Fermer|Tout renouveler|Afficher|Masquer|Copier|Copié|Échec|anonyme|il y a $1|Type|Jeton|Émis|Origine|Servi|Renouvelé|page|obtenu|renouvelé',
	es: 'Cerrar|Renovar todo|Mostrar|Ocultar|Copiar|Copiado|Error|anónimo|hace $1|Tipo|Token|Emitido|Origen|Servido|Renovado|página|obtenido|renovado'
};

/** The messages for `mw.messages.set`: English, overridden by the user's language where we have it. */
export function messagesFor( language: string ): Record<string, string> {
	const english = TEXTS.en.split( '|' );
	// `es-formal`, `es-419`: the base language is closer than English.
	const local = ( TEXTS[ language.split( '-' )[ 0 ] ] || '' ).split( '|' );
	const messages: Record<string, string> = {};
	NAMES.forEach( ( name, i ) => {
		messages[ MESSAGE_PREFIX + name ] = local[ i ] || english[ i ];
	} );
	return messages;
}
