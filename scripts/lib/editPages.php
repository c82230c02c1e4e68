<?php
/**
 * Saves several wiki pages in one run: `php editPages.php USER SUMMARY < pages.json`, where the JSON
 * object maps titles to texts. A page whose text is unchanged is a null edit. One process instead of
 * one maintenance run per page (core's edit.php), which costs a second or more each to start;
 * scripts/lib/wiki.mjs runs it (MW_INSTALL_PATH names the code tree, MW_CONFIG_FILE the instance).
 */

require_once getenv( 'MW_INSTALL_PATH' ) . '/maintenance/Maintenance.php';

use MediaWiki\MediaWikiServices;

class EditPages extends Maintenance {
	public function __construct() {
		parent::__construct();
		$this->addDescription( 'Save several pages, read as a JSON object of title => text from stdin' );
		$this->addArg( 'user', 'User name' );
		$this->addArg( 'summary', 'Edit summary' );
	}

	public function execute() {
		$services = MediaWikiServices::getInstance();
		$user = $services->getUserFactory()->newFromName( $this->getArg( 0 ) );
		if ( !$user || !$user->isRegistered() ) {
			$this->fatalError( 'No such user: ' . $this->getArg( 0 ) );
		}
		$pages = json_decode( stream_get_contents( STDIN ), true );
		if ( !is_array( $pages ) ) {
			$this->fatalError( 'stdin is not a JSON object of title => text' );
		}
		foreach ( $pages as $name => $text ) {
			$title = Title::newFromText( $name );
			if ( !$title ) {
				$this->fatalError( "Not a title: $name" );
			}
			$content = ContentHandler::makeContent( $text, $title );
			$page = $services->getWikiPageFactory()->newFromTitle( $title );
			$status = $page->doUserEditContent( $content, $user, $this->getArg( 1 ) );
			if ( !$status->isOK() ) {
				$this->fatalError( "Could not save $name: " . $status->getWikiText( false, false, 'en' ) );
			}
		}
	}
}

$maintClass = EditPages::class;
require_once RUN_MAINTENANCE_IF_MAIN;
