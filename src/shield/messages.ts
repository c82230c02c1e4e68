/**
 * The shield's texts for people, in the languages we ship: the user's interface language where we have
 * it (or its base language, `fr` for `fr-ca`), else English.
 */
const TEXTS: Record<string, { formStopped: string; summary: string[] }> = {
	en: {
		formStopped: 'Your edit was not saved: you are no longer logged in, and it would have been saved under your IP address. Log in again (in another tab, to keep your text) and save it then.',
		summary: [ 'Shield', 'core mw.Api token calls', 'jQuery requests asserted', 'fetch requests asserted', 'forms stopped' ]
	},
	fr: {
		formStopped: 'Votre modification n’a pas été enregistrée : vous n’êtes plus connecté·e, et elle l’aurait été sous votre adresse IP. Reconnectez-vous (dans un autre onglet, pour garder votre texte), puis enregistrez-la.',
		summary: [ 'Bouclier', 'appels de jetons de mw.Api du cœur', 'requêtes jQuery avec assertion', 'requêtes fetch avec assertion', 'formulaires arrêtés' ]
	},
	es: {
		formStopped: 'Su edición no se ha guardado: ya no tiene la sesión iniciada y se habría guardado con su dirección IP. Vuelva a iniciar sesión (en otra pestaña, para conservar su texto) y guárdela entonces.',
		summary: [ 'Escudo', 'llamadas de tokens de mw.Api del núcleo', 'solicitudes jQuery con aserción', 'solicitudes fetch con aserción', 'formularios detenidos' ]
	}
};

function textsFor( language: string ): { formStopped: string; summary: string[] } {
	return TEXTS[ language ] || TEXTS[ language.split( '-' )[ 0 ] ] || TEXTS.en;
}

/** What a person is told when the shield stops a form. */
export function formStoppedMessage( language: string ): string {
	return textsFor( language ).formStopped;
}

/**
 * One line for the debug panel: what the shield saw, per way of writing, in the order of `counts`:
 * calls of core's token methods, jQuery and fetch requests that got the assertion, forms stopped.
 */
export function shieldSummary( language: string, counts: number[] ): string {
	const labels = textsFor( language ).summary;
	return labels[ 0 ] + ' — ' + counts.map( ( count, i ) => labels[ i + 1 ] + ': ' + count ).join( ' · ' );
}
