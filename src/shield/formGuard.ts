import { ANONYMOUS_TOKEN } from '../tokenText';

export interface FormGuardContext {
	/** Whether a URL, as a form names it, is on the page's own wiki. */
	isOwnWiki( url: string ): boolean;
	/** A form was stopped: tell the user and check the session. */
	onBlocked(): void;
}

/**
 * Whether a form would save an edit under no name: it goes to this wiki and carries the anonymous edit
 * token. `getAttribute` rather than `form.action`: a field named `action` shadows that property.
 */
function isAnonymousEdit( form: HTMLFormElement, context: FormGuardContext ): boolean {
	const field = form.elements.namedItem( 'wpEditToken' ) as HTMLInputElement | RadioNodeList | null;
	return !!field && field.value === ANONYMOUS_TOKEN && context.isOwnWiki( form.getAttribute( 'action' ) || '' );
}

/**
 * Stops forms that would save an anonymous edit, however they are sent: a submit event (a button, or
 * `requestSubmit()`), or `form.submit()`, which fires no event. Returns the function that undoes it.
 */
export function guardForms( window: Window & typeof globalThis, context: FormGuardContext ): () => void {
	const prototype = window.HTMLFormElement.prototype;
	const submit = prototype.submit;
	const onSubmit = ( event: Event ): void => {
		const form = event.target as HTMLFormElement;
		if ( form instanceof window.HTMLFormElement && isAnonymousEdit( form, context ) ) {
			event.preventDefault();
			event.stopImmediatePropagation();
			context.onBlocked();
		}
	};
	window.document.addEventListener( 'submit', onSubmit, true );
	prototype.submit = function ( this: HTMLFormElement ): void {
		if ( isAnonymousEdit( this, context ) ) {
			context.onBlocked();
			return;
		}
		submit.call( this );
	};
	return () => {
		window.document.removeEventListener( 'submit', onSubmit, true );
		prototype.submit = submit;
	};
}
