/**
 * The gadgets of TokenCache as a wiki installs them: their definition lines and the description pages
 * that Special:Gadgets and Special:Preferences show, in every language we ship. The build writes both
 * into dist/ (Gadgets-definition.txt, Gadget-descriptions.json); the test wikis, `npm start` and
 * `npm run deploy -- --definition` install what dist/ holds. One more gadget is one more entry.
 */

/** Languages of the description pages: the first is the wiki's own page, the others its subpages. */
export const LANGUAGES = [ 'en', 'fr', 'es' ];

/** The Special:Preferences → Gadgets section of the gadgets (`== developer ==`). */
export const SECTION = {
	name: 'developer',
	heading: {
		en: 'Tools for gadget and script developers',
		fr: 'Outils pour les développeurs de gadgets et de scripts',
		es: 'Herramientas para desarrolladores de gadgets y scripts'
	}
};

/**
 * @typedef {Object} GadgetSpec
 * @property {string} name The gadget's name: module `ext.gadget.<name>`, description `MediaWiki:Gadget-<name>`.
 * @property {string} options What goes between the brackets of its definition line.
 * @property {string[]} files Its pages, `MediaWiki:Gadget-<file>`, built into dist/<file>.
 * @property {Object.<string, string>} description Wikitext by language.
 */

/** The debug gadget's name: its link and panel, with the library as its dependency. */
export const DEBUG_GADGET = 'TokenCacheDebug';

/** @type {GadgetSpec[]} */
const GADGETS = [
	{
		// Hidden and not default: it loads only where something uses it, so readers pay nothing.
		name: 'TokenCache',
		options: 'ResourceLoader|hidden|dependencies=mediawiki.api',
		files: [ 'TokenCache.js' ],
		description: {
			en: 'TokenCache: one shared token layer for the gadgets and user scripts of a page (<code>mw.libs.tokenCache</code>). ' +
				'A library: it loads only with a gadget that declares <code>dependencies=ext.gadget.TokenCache</code> ' +
				'or with the debug panel below, never on its own. Gadget authors: depend on it instead of fetching tokens yourselves.',
			fr: 'TokenCache : une couche de jetons partagée par les gadgets et scripts utilisateur d’une page (<code>mw.libs.tokenCache</code>). ' +
				'Une bibliothèque : elle ne se charge qu’avec un gadget qui déclare <code>dependencies=ext.gadget.TokenCache</code> ' +
				'ou avec le panneau de débogage ci-dessous, jamais seule. Auteurs de gadgets : déclarez-la en dépendance au lieu de demander vous-mêmes les jetons.',
			es: 'TokenCache: una capa de tokens compartida por los gadgets y scripts de usuario de una página (<code>mw.libs.tokenCache</code>). ' +
				'Una biblioteca: solo se carga con un gadget que declare <code>dependencies=ext.gadget.TokenCache</code> ' +
				'o con el panel de depuración de abajo, nunca sola. Autores de gadgets: declárenla como dependencia en lugar de pedir los tokens ustedes mismos.'
		}
	},
	{
		// Chosen in the preferences, or for one page view with ?withgadget=TokenCacheDebug.
		name: DEBUG_GADGET,
		options: 'ResourceLoader|supportsUrlLoad|dependencies=ext.gadget.TokenCache,mediawiki.util',
		files: [ 'TokenCacheDebug.js' ],
		description: {
			en: 'TokenCache debug panel: a <i>TokenCache</i> link in the Tools menu (in Minerva, the user menu) opens a panel ' +
				'that lists the tokens cached on the page, masked, with where they came from and how often they were served, ' +
				'and can reveal, copy and refresh them. For gadget developers. For one page view without this preference, ' +
				'add <code>withgadget=TokenCacheDebug</code> to the page’s address.',
			fr: 'Panneau de débogage de TokenCache : un lien <i>TokenCache</i> dans le menu Outils (dans Minerva, le menu utilisateur) ouvre un panneau ' +
				'qui liste les jetons en cache sur la page, masqués, avec leur origine et le nombre de fois où ils ont servi, ' +
				'et permet de les afficher, de les copier et de les renouveler. Pour les développeurs de gadgets. Pour une seule page sans cette préférence, ' +
				'ajoutez <code>withgadget=TokenCacheDebug</code> à l’adresse de la page.',
			es: 'Panel de depuración de TokenCache: un enlace <i>TokenCache</i> en el menú Herramientas (en Minerva, el menú de usuario) abre un panel ' +
				'con los tokens guardados en la página, enmascarados, con su origen y cuántas veces se sirvieron, ' +
				'y permite mostrarlos, copiarlos y renovarlos. Para desarrolladores de gadgets. Para una sola página sin esta preferencia, ' +
				'añada <code>withgadget=TokenCacheDebug</code> a la dirección de la página.'
		}
	},
	{
		// Off unless an interface administrator adds `default`, or a user calls shieldCoreApi() (common.js).
		name: 'TokenCacheShield',
		options: 'ResourceLoader|hidden|dependencies=ext.gadget.TokenCache',
		// The guards hand their installer to the shield, so they come first.
		files: [ 'TokenCache-guards.js', 'TokenCache-shield.js' ],
		description: {
			en: 'TokenCache shield: gives the gadgets and user scripts of a page that call core <code>mw.Api</code>, or write with jQuery, <code>fetch</code> or forms, TokenCache’s protection without changing them: shared token requests, one refresh per <code>badtoken</code> storm, and no edit saved under the IP address after a lost session. Off unless an interface administrator makes it default, or a user switches it on with <code>mw.libs.tokenCache.shieldCoreApi()</code>.',
			fr: 'Bouclier TokenCache : donne aux gadgets et scripts utilisateur d’une page qui appellent <code>mw.Api</code> du cœur, ou écrivent avec jQuery, <code>fetch</code> ou des formulaires, la protection de TokenCache sans les modifier : requêtes de jetons partagées, un seul renouvellement par série de <code>badtoken</code>, et aucune modification enregistrée sous l’adresse IP après une session perdue. Inactif, sauf si un administrateur d’interface le rend actif par défaut ou si un utilisateur l’active avec <code>mw.libs.tokenCache.shieldCoreApi()</code>.',
			es: 'Escudo de TokenCache: da a los gadgets y scripts de usuario de una página que llaman a <code>mw.Api</code> del núcleo, o escriben con jQuery, <code>fetch</code> o formularios, la protección de TokenCache sin cambiarlos: solicitudes de tokens compartidas, una sola renovación por serie de <code>badtoken</code> y ninguna edición guardada con la dirección IP tras perder la sesión. Desactivado, salvo que un administrador de interfaz lo active por defecto o un usuario lo active con <code>mw.libs.tokenCache.shieldCoreApi()</code>.'
		}
	}
];

/** Gadgets of earlier releases: `deploy --definition` takes their lines out. */
export const RETIRED_GADGETS = [ 'TokenCachePanel' ];

/**
 * `MediaWiki:Gadgets-definition` lines: the section heading, then one line per gadget.
 *
 * @return {string[]}
 */
export function definitionLines() {
	return [
		`== ${ SECTION.name } ==`,
		...GADGETS.map( ( gadget ) => `* ${ gadget.name }[${ gadget.options }]|${ gadget.files.join( '|' ) }` )
	];
}

/**
 * @param {string} base e.g. MediaWiki:Gadget-TokenCache
 * @param {Object.<string, string>} texts by language
 * @return {[string, string][]} the page in the first language, subpages for the others
 */
function languagePages( base, texts ) {
	return LANGUAGES.map( ( language, i ) => [ i ? `${ base }/${ language }` : base, texts[ language ] ] );
}

/**
 * The description pages by title: each gadget's, and its section heading's.
 *
 * @return {Object.<string, string>}
 */
export function descriptionPages() {
	return Object.fromEntries( [
		...GADGETS.flatMap( ( gadget ) => languagePages( `MediaWiki:Gadget-${ gadget.name }`, gadget.description ) ),
		...languagePages( `MediaWiki:Gadget-section-${ SECTION.name }`, SECTION.heading )
	] );
}
