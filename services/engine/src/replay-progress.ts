import type { ReplayProgress } from '@engine/use-cases';
import cliProgress from 'cli-progress';

/**
 * A replay's progress bar on stderr (cli-progress: rate-limited redraws, ETA), drawn only on a
 * terminal, so stdout stays the report and piped or scripted runs print no bar at all.
 */
export function replayProgressBar(stream: NodeJS.WriteStream = process.stderr): {
  update: ReplayProgress;
  stop: () => void;
} {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format:
        'replay [{bar}] {percentage}% | {value}/{total} subjects | {duration_formatted}, ETA {eta_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
