import { describe, expect, it } from 'vitest';
import { findJob, parseAccepting, parseDestinations, parseIppJob, parseJobs, parseNetworkDevice, parseQueueState, printerProblem } from './cups-output';

describe('lpstat and ipptool parsing', () => {
  it('reads an idle, a printing and a stopped printer', () => {
    expect(parseQueueState('printer kiosk-pdf is idle.  enabled since Sat Nov 28 05:35:30 2026\n', 'kiosk-pdf')).toEqual({
      state: 'idle',
      message: '',
      reasons: [],
    });
    const printing = parseQueueState(
      [
        'printer q.2 now printing q.2-43.  enabled since Sat Nov 28 05:40:44 2026',
        '\tThe printer may not exist or is unavailable at this time.',
        '\tForm mounted:',
        '\tContent types: any',
        '\tAlerts: none',
        '\tLocation: ',
      ].join('\n'),
      'q.2',
    );
    expect(printing).toEqual({
      state: 'printing',
      job: 'q.2-43',
      message: 'The printer may not exist or is unavailable at this time.',
      reasons: [],
    });
    expect(printerProblem('q.2', printing!)).toBe('Printer q.2 is offline or unreachable');
    // The same words on an idle printer belong to a job long gone.
    expect(printerProblem('q.2', { ...printing!, state: 'idle', job: undefined })).toBeUndefined();

    const stopped = parseQueueState(
      'printer q disabled since Sat Nov 28 05:40:41 2026 -\n\treason unknown\n\tForm mounted:\n\tAlerts: paused\n\tLocation: \n',
      'q',
    );
    expect(stopped).toEqual({ state: 'stopped', message: '', reasons: ['paused'] });
    expect(printerProblem('q', stopped!)).toBe('Printer q is stopped');
    const stoppedWithWords = parseQueueState('printer q disabled since Sat Nov 28 2026 -\n\tUnable to connect to printer\n', 'q');
    expect(printerProblem('q', stoppedWithWords!)).toBe('Printer q is stopped (Unable to connect to printer)');
    // Only this printer's lines count.
    expect(parseQueueState('printer q2 is idle.  enabled since x\n', 'q')).toBeUndefined();
  });

  it('reads out-of-paper, jam, offline and holding printers from the Alerts line', () => {
    const status = (head: string, alerts: string) =>
      parseQueueState(`printer office ${head}\n\tMedia empty\n\tForm mounted:\n\tDescription: office\n\tAlerts: ${alerts}\n\tLocation: Desk\n`, 'office')!;
    const paper = status('is idle.  enabled since Sat Nov 28 05:35:30 2026', 'media-empty-error media-needed-error');
    expect(paper).toMatchObject({ state: 'idle', message: 'Media empty', reasons: ['media-empty-error', 'media-needed-error'] });
    expect(printerProblem('office', paper)).toBe('Printer office is out of paper');
    expect(printerProblem('office', status('now printing office-3.  enabled since x', 'media-needed'))).toBe('Printer office is out of paper');
    expect(printerProblem('office', status('is idle.  enabled since x', 'media-low-report'))).toBeUndefined();
    expect(printerProblem('office', status('is idle.  enabled since x', 'media-jam-error'))).toBe('Printer office has a paper jam');
    expect(printerProblem('office', status('is idle.  enabled since x', 'offline-report'))).toBe('Printer office is offline or unreachable');
    // Every network job shows connecting-to-device for a moment: not a fault by itself.
    expect(printerProblem('office', status('now printing office-3.  enabled since x', 'connecting-to-device'))).toBeUndefined();
    expect(printerProblem('office', status('is holding new jobs.  enabled since x', 'hold-new-jobs'))).toBe('Printer office is holding new jobs');
  });

  it('finds jobs, acceptance, IPP job states and destinations', () => {
    const jobs = [
      'q-39                root              1024   Sat Nov 28 05:39:55 2026',
      '\tStatus: The printer may not exist or is unavailable at this time.',
      '\tAlerts: job-printing',
      '\tqueued for q',
      'q-40                root              1024   Sat Nov 28 05:39:56 2026',
      '\tAlerts: none',
      '\tqueued for q',
      'q-400               root              1024   Sat Nov 28 05:39:56 2026',
    ].join('\n');
    const at = (date: string) => new Date(date).getTime();
    expect(findJob(jobs, 'q-39')).toEqual({
      id: 'q-39',
      user: 'root',
      createdAt: at('Sat Nov 28 05:39:55 2026'),
      message: 'The printer may not exist or is unavailable at this time.',
      reasons: ['job-printing'],
    });
    expect(findJob(jobs, 'q-40')).toEqual({ id: 'q-40', user: 'root', createdAt: at('Sat Nov 28 05:39:56 2026'), message: '', reasons: [] });
    expect(findJob(jobs, 'q-4')).toBeUndefined();
    expect(findJob('q-7   kiosk  1024  Sat Nov 28 05:39:56 2026\n', 'q-7')).toMatchObject({ id: 'q-7', user: 'kiosk', message: '', reasons: [] });
    expect(parseJobs(jobs).map((j) => j.id)).toEqual(['q-39', 'q-40', 'q-400']);
    // A held job (lp -H hold) says so in its Alerts line.
    expect(parseJobs('q-8   kiosk   1024   Thu Dec  3 14:13:15 2026\n\tAlerts: job-hold-until-specified\n\tqueued for q\n')[0]!.reasons).toEqual([
      'job-hold-until-specified',
    ]);

    expect(parseAccepting('q accepting requests since Sat Nov 28 05:39:55 2026\n', 'q')).toEqual({ accepting: true, message: '' });
    expect(parseAccepting('q not accepting requests since Sat Nov 28 05:40:41 2026 -\n\tkiosk test reject\n', 'q')).toEqual({
      accepting: false,
      message: 'kiosk test reject',
    });
    expect(parseAccepting('q not accepting requests since x -\n\tRejecting Jobs\n', 'q')).toEqual({ accepting: false, message: '' });

    const ipp = [
      '    Get job info with get-job-attributes                                 [PASS]',
      '        status-code = successful-ok (successful-ok)',
      '        job-state (enum) = processing-stopped',
      '        job-state-reasons (keyword) = job-completed-with-errors',
      '        job-printer-state-message (textWithoutLanguage) = loadFilename failed: damaged file',
    ].join('\n');
    expect(parseIppJob(ipp)).toEqual({ state: 'processing-stopped', reasons: ['job-completed-with-errors'], message: 'loadFilename failed: damaged file' });
    expect(
      parseIppJob('        job-state (enum) = canceled\n        job-state-reasons (1setOf keyword) = job-canceled-by-user,processing-to-stop-point\n'),
    ).toEqual({
      state: 'canceled',
      reasons: ['job-canceled-by-user', 'processing-to-stop-point'],
      message: '',
    });
    expect(parseIppJob('status-code = client-error-not-found (Job #9 does not exist.)\n')).toBeUndefined();
    expect(parseIppJob('        job-state (enum) = completed\n        job-preserved (boolean) = true\n')).toMatchObject({
      state: 'completed',
      preserved: true,
    });

    expect(parseDestinations('kiosk-pdf\nOffice_2\nOffice_2/duplex\n\n-odd\nkiosk-pdf\n')).toEqual(['kiosk-pdf', 'Office_2']);
  });

  it('reads the network address a queue prints to, and nothing for devices that are not one', () => {
    const device = (uri: string) => parseNetworkDevice(`device for office: ${uri}\n`, 'office');
    expect(device('socket://10.0.0.5:9100')).toEqual({ host: '10.0.0.5', port: 9100 });
    expect(device('socket://10.0.0.5')).toEqual({ host: '10.0.0.5', port: 9100 });
    expect(device('ipp://printer.clinic.example/ipp/print')).toEqual({ host: 'printer.clinic.example', port: 631 });
    expect(device('ipps://[fe80::1]:8631/ipp')).toEqual({ host: 'fe80::1', port: 8631 });
    expect(device('lpd://10.0.0.9/queue')).toEqual({ host: '10.0.0.9', port: 515 });
    for (const uri of [
      'cups-pdf:/',
      'usb://HP/LaserJet?serial=1',
      'dnssd://Office._ipp._tcp.local/',
      'ipp://office.local/ipp',
      'file:///dev/null',
      'nonsense',
    ]) {
      expect(device(uri), uri).toBeUndefined();
    }
    expect(parseNetworkDevice('device for other: socket://10.0.0.5:9100\n', 'office')).toBeUndefined();
    expect(parseNetworkDevice('device for office.2: socket://10.0.0.5:9100\n', 'office.2')).toEqual({ host: '10.0.0.5', port: 9100 });
  });
});
