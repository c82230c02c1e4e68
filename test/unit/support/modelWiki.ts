/**
 * A model wiki behind the `mw.Api` seam, for the property tests: sessions that renew, get lost and come
 * back through a login; tokens bound to the session; edits that check token and assertion; answers that
 * get lost (the request was processed, its answer never came: jQuery's timeout). fast-check's scheduler
 * decides when each request reaches the wiki and its answer comes back.
 */
import fc from 'fast-check';
import { ApiLike, JQueryLikePromise } from '../../../src/transport';

type Params = Record<string, unknown>;

export const KNOWN_TYPES = [ 'csrf', 'watch', 'patrol', 'rollback', 'login', 'createaccount' ];
const ANONYMOUS_CAPABLE = [ 'login', 'createaccount' ];
export const USER = 'Alice';

export interface SentRequest {
	/** Order in which TokenCache sent it. */
	seq: number;
	method: 'get' | 'post';
	params: Params;
	/** What the wiki answered (set once the request reached it). */
	outcome?: string;
}

export class ModelWiki implements ApiLike {
	readonly defaults = { ajax: { url: '/w/api.php' } };

	readonly requests: SentRequest[] = [];

	/** Every full token the wiki ever issued, to look for leaks. */
	readonly issued = new Set<string>();

	/** Authors of the edits the wiki saved (null: saved anonymously, under an IP address). */
	readonly saved: ( string | null )[] = [];

	session = { id: 1, user: USER as string | null };

	constructor( private readonly scheduler: fc.Scheduler, private readonly lostAnswers: boolean[] ) {}

	get seq(): number {
		return this.requests.length;
	}

	token( type: string ): string {
		if ( this.session.user === null && !ANONYMOUS_CAPABLE.includes( type ) ) {
			return '+\\';
		}
		const hex = ( this.session.id * 7919 + KNOWN_TYPES.indexOf( type ) * 104729 ).toString( 16 ).padStart( 8, '0' );
		const token = hex.repeat( 4 ) + '6735a9c0+\\';
		this.issued.add( token );
		return token;
	}

	/** The session cookie changed (renewed, or lost without "keep me logged in"): every token is stale. */
	renewSession(): void {
		this.session = { id: this.session.id + 1, user: this.session.user };
	}

	loseSession(): void {
		this.session = { id: this.session.id + 1, user: null };
	}

	get( params: Params ): JQueryLikePromise {
		return this.respond( 'get', params, () => this.answerTokens( params ) );
	}

	post( params: Params ): JQueryLikePromise {
		return this.respond( 'post', params, () => this.answerPost( params ) );
	}

	badToken(): void {
		// Core's own cache is not modelled.
	}

	private respond( method: 'get' | 'post', params: Params, answer: () => { result?: Params; error?: [ string, Params ] } ): JQueryLikePromise {
		const request: SentRequest = { seq: this.seq, method: method, params: { ...params } };
		this.requests.push( request );
		const lost = this.lostAnswers.length > 0 && this.lostAnswers[ request.seq % this.lostAnswers.length ];
		const arrived = this.scheduler.schedule( Promise.resolve(), method + ' ' + String( params.action ) + ' #' + request.seq ).then( () => {
			const outcome = answer();
			request.outcome = outcome.error ? outcome.error[ 0 ] : 'ok';
			return outcome;
		} );
		return {
			then: ( done, fail ) => {
				arrived.then( ( outcome ) => {
					if ( lost ) {
						fail( 'http', { xhr: { status: 0 }, textStatus: 'timeout' } );
					} else if ( outcome.error ) {
						fail( outcome.error[ 0 ], outcome.error[ 1 ] );
					} else {
						done( outcome.result as Params );
					}
				} );
			}
		};
	}

	private answerTokens( params: Params ): { result: Params } {
		const tokens: Record<string, string> = {};
		String( params.type ).split( '|' ).filter( ( type ) => KNOWN_TYPES.includes( type ) ).forEach( ( type ) => {
			tokens[ type + 'token' ] = this.token( type );
		} );
		return { result: { batchcomplete: true, query: { tokens: tokens } } };
	}

	private answerPost( params: Params ): { result?: Params; error?: [ string, Params ] } {
		const error = ( code: string ) => ( { error: [ code, { error: { code: code, info: 'model ' + code } } ] as [ string, Params ] } );
		if ( params.action === 'clientlogin' ) {
			if ( params.logintoken !== this.token( 'login' ) ) {
				return error( 'badtoken' );
			}
			this.session = { id: this.session.id + 1, user: String( params.username ) };
			return { result: { clientlogin: { status: 'PASS', username: this.session.user } } };
		}
		if ( params.assertuser !== undefined && params.assertuser !== this.session.user ) {
			return error( this.session.user === null ? 'assertuserfailed' : 'assertnameduserfailed' );
		}
		if ( params.assert === 'user' && this.session.user === null ) {
			return error( 'assertuserfailed' );
		}
		if ( params.token !== this.token( 'csrf' ) ) {
			return error( 'badtoken' );
		}
		this.saved.push( this.session.user );
		return { result: { edit: { result: 'Success' } } };
	}
}
