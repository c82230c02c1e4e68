// What deploy prints, each line marked "deploy:".
import { commandOutput } from '../cli.mjs';

export const { say, warn } = commandOutput( 'deploy' );
