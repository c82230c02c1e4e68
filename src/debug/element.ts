/** A child of `element`: a node, or a string that always goes in as text, never as HTML. */
export type Child = Node | string;

export type ElementFactory = ( tag: string, children?: Child[], attributes?: Record<string, string> ) => HTMLElement;

/** One small helper instead of a UI library: an element with children and attributes, in `doc`. */
export function elementFactory( doc: Document ): ElementFactory {
	return ( tag, children, attributes ) => {
		const node = doc.createElement( tag );
		// Spread would cost an ES5 helper function in the built file.
		// eslint-disable-next-line prefer-spread
		node.append.apply( node, children || [] );
		for ( const name in attributes ) {
			node.setAttribute( name, attributes[ name ] );
		}
		return node;
	};
}
