/**
 * How the panel looks: MediaWiki's own buttons (Codex where the wiki has it, the older MediaWiki UI
 * buttons on 1.39) and tables (`wikitable`), and colours from Codex design tokens. Skins with a dark
 * theme (Vector 2022's night mode, 1.43+) define the tokens' dark values; the fallbacks are the light
 * ones, for wikis and skins that define none.
 */
export const PANEL_CLASS = 'tokencache-panel';

/** Each class takes effect where its stylesheet is loaded: Codex, or MediaWiki UI on 1.39. */
export const BUTTON_CLASS = 'cdx-button mw-ui-button';

// In the page's flow, above its content: nothing of the skin (sticky header, menus) is ever covered,
// and it is as wide as the content column, on a phone too. Sideways scrolling for wide tables.
export const PANEL_CSS = '.tokencache-panel{position:static;display:block;box-sizing:border-box;width:auto;max-width:100%;' +
	'margin:.5em 0 1em;padding:.5em 1em;font-size:.875rem;scroll-margin-top:4em;' +
	'color:var(--color-base,#202122);background:var(--background-color-base,#fff);' +
	'border:1px solid var(--border-color-base,#a2a9b1)}' +
	'.tokencache-panel>div:first-child{display:flex;flex-wrap:wrap;align-items:center;gap:.5em}' +
	'.tokencache-panel strong{margin-right:auto}' +
	'.tokencache-panel>div>div{overflow-x:auto}' +
	'.tokencache-panel caption{text-align:left;overflow-wrap:anywhere}' +
	'.tokencache-panel td,.tokencache-panel code{white-space:nowrap}';

/** The stylesheet module for the buttons: Codex (1.41+), else MediaWiki UI (1.39, 1.40). */
export function stylesModule( getState: ( module: string ) => string | null ): string {
	return getState( 'codex-styles' ) ? 'codex-styles' : 'mediawiki.ui.button';
}
