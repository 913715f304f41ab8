import { CHANNEL_NAMES } from '../contract/channel-names';
import { exposeChannels } from './expose-channels';

/** The kiosk window's preload: window.kiosk with every contract channel. */
exposeChannels(CHANNEL_NAMES);
