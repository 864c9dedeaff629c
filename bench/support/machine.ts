import { availableParallelism, cpus, freemem, loadavg, platform, release, totalmem } from 'node:os';

/** What a figure was measured on. The load matters most: the machines are shared and have few cores. */
export interface MachineDescription {
  readonly at: string;
  readonly cores: number;
  readonly cpuModel: string;
  readonly memoryGiB: number;
  readonly freeMemoryGiB: number;
  /** os.loadavg(): 1, 5 and 15 minutes; anything near `cores` means other work shared the CPUs. */
  readonly loadAverage: readonly [number, number, number];
  readonly os: string;
  readonly node: string;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const gib = (bytes: number) => round(bytes / 2 ** 30, 1);

export function currentLoad(): [number, number, number] {
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return [round(one, 2), round(five, 2), round(fifteen, 2)];
}

export function describeMachine(): MachineDescription {
  return {
    at: new Date().toISOString(),
    cores: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: gib(totalmem()),
    freeMemoryGiB: gib(freemem()),
    loadAverage: currentLoad(),
    os: `${platform()} ${release()}`,
    node: process.version,
  };
}
