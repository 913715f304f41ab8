import { PRINT_PAGE_CHANNEL_NAMES } from '../contract/channel-names';
import { exposeChannels } from './expose-channels';

/** The hidden print windows' preload: window.kiosk with only the channels the print page calls. */
exposeChannels(PRINT_PAGE_CHANNEL_NAMES);
