import { ApiResponse } from './publicTypes';
import { hasOwn } from './params';

/**
 * The actions that log in, log out, create or link an account, as
 * [ token parameter, token type whose anonymous token is real, answer that means the session changed,
 * answer field naming the user the wiki now sees ]. The answer is the action's `status` (`result` for
 * `login`); '' means any successful answer; no answer means never. Posting with a `login` token is
 * logging in: no assertion then. Every other action takes `token`, asserts the expected user, and leaves
 * the session alone.
 */
const AUTH_ACTIONS: Record<string, [ string, string?, string?, string? ]> = {
	login: [ 'lgtoken', 'login', 'Success', 'lgusername' ],
	clientlogin: [ 'logintoken', 'login', 'PASS', 'username' ],
	createaccount: [ 'createtoken', 'createaccount', 'PASS' ],
	linkaccount: [ 'linktoken' ],
	logout: [ 'token', '', '' ]
};

/** The rules for an action; inherited names (`constructor` …) are ordinary actions. */
function rulesOf( action: unknown ): [ string, string?, string?, string? ] {
	return hasOwn( AUTH_ACTIONS, action as string ) ? AUTH_ACTIONS[ action as string ] : [ 'token' ];
}

/** Which POST parameter carries the token. */
export function tokenParameterFor( action: unknown ): string {
	return rulesOf( action )[ 0 ];
}

/** Login and account-creation tokens are real even for anonymous users; every other type is `+\` then. */
export function isAnonymousCapable( type: string ): boolean {
	return Object.keys( AUTH_ACTIONS ).some( ( action ) => AUTH_ACTIONS[ action ][ 1 ] === type );
}

/** Whether to assert the expected user: not when logging in, with a login token or by the action. */
export function assertsFor( type: string, action: unknown ): boolean {
	return type !== 'login' && rulesOf( action )[ 1 ] !== 'login';
}

/**
 * Whether a successful post changed the session: false, or `{ user }` with the user the wiki now sees
 * (undefined: the same as before, e.g. after a logout, which never makes anonymous posts welcome).
 */
export function sessionChangeOf( action: unknown, result: ApiResponse ): { user?: string } | false {
	const rules = rulesOf( action );
	const success = rules[ 2 ];
	const user = rules[ 3 ];
	const answer = ( result[ action as string ] || {} ) as Record<string, string>;
	return success !== undefined && ( !success || ( answer.status || answer.result ) === success ) && { user: user && answer[ user ] };
}
