/**
 * What a person is told when the shield stops a form: in their interface language where we have it
 * (or its base language, `fr` for `fr-ca`), else in English.
 */
const FORM_STOPPED: Record<string, string> = {
	en: 'Your edit was not saved: you are no longer logged in, and it would have been saved under your IP address. Log in again (in another tab, to keep your text) and save it then.',
	fr: 'Votre modification n’a pas été enregistrée : vous n’êtes plus connecté·e, et elle l’aurait été sous votre adresse IP. Reconnectez-vous (dans un autre onglet, pour garder votre texte), puis enregistrez-la.',
	es: 'Su edición no se ha guardado: ya no tiene la sesión iniciada y se habría guardado con su dirección IP. Vuelva a iniciar sesión (en otra pestaña, para conservar su texto) y guárdela entonces.'
};

export function formStoppedMessage( language: string ): string {
	return FORM_STOPPED[ language ] || FORM_STOPPED[ language.split( '-' )[ 0 ] ] || FORM_STOPPED.en;
}
