import { z } from 'zod';
import { JsonFileWriter, readJsonFile } from '../fs/json-file';
import { cannotSaveMessage, type SaveWatcher } from '../fs/save-problems';
import { KioskError } from '../kiosk-error';
import type { Logger } from '../log';

const ServiceFileSchema = z.object({ inService: z.boolean() });

/**
 * Whether staff have the kiosk in service, kept in `service.json` so out of service stays out of
 * service across a restart. A change is saved, then applied: one that cannot be kept is not made.
 */
export class ServiceSwitch {
  private constructor(
    private readonly file: string,
    private readonly writer: JsonFileWriter,
    private readonly log: Logger,
    private on: boolean,
  ) {}

  static async open(file: string, log: Logger, watcher?: SaveWatcher): Promise<ServiceSwitch> {
    const saved = await readJsonFile(file, ServiceFileSchema, (message) => log.warn('service-state-reset', { message }));
    return new ServiceSwitch(file, new JsonFileWriter(file, watcher), log, saved?.inService ?? true);
  }

  get inService(): boolean {
    return this.on;
  }

  /** Saves and applies `wanted`; true when it changed anything. @throws KioskError('internal') saying why it cannot be saved. */
  async set(wanted: boolean): Promise<boolean> {
    if (wanted === this.on) return false;
    await this.writer.save({ inService: wanted }).catch((error: unknown) => {
      throw new KioskError('internal', cannotSaveMessage(this.file, error));
    });
    if (wanted === this.on) return false; // a second press, applied while this one saved
    this.on = wanted;
    this.log.info(wanted ? 'staff-in-service' : 'staff-out-of-service');
    return true;
  }
}
