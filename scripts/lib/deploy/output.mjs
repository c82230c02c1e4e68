// What deploy prints: progress on stdout, warnings on stderr, each line marked "deploy:".

/** @param {string} message */
export function say( message ) {
	console.log( `deploy: ${ message }` );
}

/** @param {string} message */
export function warn( message ) {
	console.error( `deploy: warning: ${ message }` );
}
