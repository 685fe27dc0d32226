/** What the CLI's commands may touch of the outside world; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTty: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export const ExitCode = { ok: 0, findings: 1, usage: 2, internal: 3 } as const;

export function useColor(io: CliIo): boolean {
  return io.isTty && io.env.NO_COLOR === undefined;
}
