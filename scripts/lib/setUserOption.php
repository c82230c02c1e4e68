<?php
/**
 * Sets one preference of one user: `php setUserOption.php USER KEY VALUE`.
 * Core's userOptions.php only changes an option for all users at once, so scripts/lib/wiki.mjs
 * runs this instead (MW_INSTALL_PATH names the code tree, MW_CONFIG_FILE the instance).
 */

require_once getenv( 'MW_INSTALL_PATH' ) . '/maintenance/Maintenance.php';

use MediaWiki\MediaWikiServices;

class SetUserOption extends Maintenance {
	public function __construct() {
		parent::__construct();
		$this->addDescription( 'Set one preference of one user' );
		$this->addArg( 'user', 'User name' );
		$this->addArg( 'key', 'Preference name' );
		$this->addArg( 'value', 'New value' );
	}

	public function execute() {
		$services = MediaWikiServices::getInstance();
		$user = $services->getUserFactory()->newFromName( $this->getArg( 0 ) );
		if ( !$user || !$user->isRegistered() ) {
			$this->fatalError( 'No such user: ' . $this->getArg( 0 ) );
		}
		$options = $services->getUserOptionsManager();
		$options->setOption( $user, $this->getArg( 1 ), $this->getArg( 2 ) );
		$options->saveOptions( $user );
	}
}

$maintClass = SetUserOption::class;
require_once RUN_MAINTENANCE_IF_MAIN;
