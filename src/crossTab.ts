/**
 * Tabs of one wiki share the session cookie, so when one tab finds its tokens stale (or the session
 * gone), the others' tokens are stale too. The message carries the endpoint only, never a token.
 */
export interface TabMessage {
	endpoint: string;
}

export interface CrossTab {
	send( message: TabMessage ): void;
	listen( handler: ( message: TabMessage ) => void ): void;
}

/** A BroadcastChannel-backed bus, or none where the browser lacks BroadcastChannel. */
export function broadcastCrossTab( Channel: typeof BroadcastChannel | undefined ): CrossTab | undefined {
	if ( !Channel ) {
		return undefined;
	}
	const channel = new Channel( 'tokenCache' );
	return {
		send: ( message ) => channel.postMessage( message ),
		// Whatever else arrives on the channel carries no matching endpoint, so it changes nothing.
		listen: ( handler ) => channel.addEventListener( 'message', ( event ) => handler( event.data || {} ) )
	};
}
