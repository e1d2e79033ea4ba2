import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, platform, release, totalmem } from 'node:os';
import { packageRoot } from './paths.js';

export interface Machine {
  cpuModel: string;
  /** Logical cores the OS reports. */
  cores: number;
  /** Cores Node may use (cgroup/affinity aware). */
  availableParallelism: number;
  memoryBytes: number;
  os: string;
  node: string;
}

export interface GitState {
  commit: string | null;
  /** Uncommitted changes in the tree: figures then describe code no commit holds. */
  dirty: boolean | null;
}

export function machine(): Machine {
  const list = cpus();
  return {
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    availableParallelism: availableParallelism(),
    memoryBytes: totalmem(),
    os: `${platform()} ${release()}`,
    node: process.version,
  };
}

/** The checked-out commit, when the package is a git work tree and git is installed. */
export function gitState(): GitState {
  const git = (args: string[]): string | null => {
    const run = spawnSync('git', args, { cwd: packageRoot(), encoding: 'utf8' });
    return run.status === 0 ? run.stdout.trim() : null;
  };
  const commit = git(['rev-parse', 'HEAD']);
  const status = commit === null ? null : git(['status', '--porcelain', '--untracked-files=no']);
  return { commit, dirty: status === null ? null : status.length > 0 };
}
