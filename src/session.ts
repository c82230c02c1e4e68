import { createError } from './errors';
import { ApiParams, ApiResponse, TokenCacheError } from './publicTypes';
import { isGiven } from './params';
import { sessionChangeOf } from './authActions';

/** The API's answers to `assert=user` / `assertuser=…` when the session no longer belongs to that user. */
const LOST_SESSION_CODES = [ 'assertuserfailed', 'assertnameduserfailed' ];

export function isLostSessionCode( code: string ): boolean {
	return LOST_SESSION_CODES.includes( code );
}

export interface SessionExpectation {
	/** Whether a logged-in user is expected: then an anonymous token means the session was lost. */
	expectsUser(): boolean;
	/**
	 * Which session our requests belong to: a login, logout or account creation through TokenCache begins
	 * the next one. An answer to a request of an earlier session says nothing about the current one.
	 */
	epoch(): number;
	/**
	 * The `sessionlost` error an API error stands for: a failed assertion where a user is expected. Null
	 * otherwise; only a page that expects its user has a session to lose, elsewhere the API's code stands.
	 */
	lossFrom( error: TokenCacheError ): TokenCacheError | null;
	/** Make the post fail instead of landing as an anonymous (IP) edit. */
	addAssertion( body: ApiParams ): void;
	/** Returns true when a successful post changed the session: its tokens no longer apply. */
	noteAnswer( action: unknown, result: ApiResponse ): boolean;
}

/**
 * Who the wiki should see as the author of our posts. Starts as the user the page was loaded for, and
 * follows deliberate logins made through TokenCache. A logout does not make anonymous posts welcome:
 * once a user is expected, only a page reload or another login changes that.
 */
export function createSessionExpectation( userName: string | null ): SessionExpectation {
	let expected = userName;
	let epoch = 0;
	return {
		expectsUser: (): boolean => expected !== null,
		epoch: (): number => epoch,

		lossFrom: ( error: TokenCacheError ): TokenCacheError | null => expected !== null && isLostSessionCode( error.code ) ?
			createError( 'sessionlost', error.info, error.data ) :
			null,

		addAssertion( body: ApiParams ): void {
			// A caller that chose its own assertion (`bot`, `anon`, or `user` alone) keeps exactly that.
			if ( expected === null || isGiven( body, 'assert' ) ) {
				return;
			}
			body.assert = 'user';
			if ( !isGiven( body, 'assertuser' ) ) {
				body.assertuser = expected;
			}
		},

		noteAnswer( action: unknown, result: ApiResponse ): boolean {
			const change = sessionChangeOf( action, result );
			if ( !change ) {
				return false;
			}
			if ( change.user !== undefined ) {
				expected = change.user;
			}
			epoch++;
			return true;
		}
	};
}
