/**
 * Shell scripts that run on the remote host. Every run gets its own session (setsid), so the
 * whole process tree can be signalled and checked for leftovers; markers carry a per-run nonce
 * so output cannot forge them.
 */

/** Quote for POSIX sh: one argument, nothing expanded. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export const MARKER = '@@taskdeck:';

export type Marker = { kind: 'pgid'; value: number } | { kind: 'exit'; value: number } | { kind: 'lost' } | { kind: 'error'; value: string };

/** Find a marker of this run in one stdout line: the text before it (a line without newline) and the marker. */
export function parseMarker(line: string, nonce: string): { before: string; marker: Marker } | null {
  const tag = `${MARKER}${nonce}:`;
  const at = line.indexOf(tag);
  if (at < 0) return null;
  const [kind, value = ''] = line.slice(at + tag.length).split(':', 2) as [string, string?];
  const before = line.slice(0, at);
  switch (kind) {
    case 'pgid':
    case 'exit':
      return { before, marker: { kind, value: Number(value) } };
    case 'lost':
      return { before, marker: { kind: 'lost' } };
    default:
      return { before, marker: { kind: 'error', value } };
  }
}

const mark = (nonce: string, what: string): string => `printf '%s\\n' "${MARKER}${nonce}:${what}"`;

const needSetsid = (nonce: string): string => 'command -v setsid >/dev/null 2>&1 || { ' + mark(nonce, 'error:setsid not found on this host (util-linux)') + '; exit 127; }';

/**
 * Tied run: the command in its own session; a watcher ends the whole session when our channel
 * closes (console gone, network down), so nothing is left behind.
 */
export function tiedScript(command: string, nonce: string, graceSeconds: number): string {
  return inSh([needSetsid(nonce), ...tiedRun(shQuote(command), nonce, graceSeconds)].join('\n'));
}

/** The tied run of the command that `commandWord` expands to (a quoted string or `"$S"`). */
function tiedRun(commandWord: string, nonce: string, graceSeconds: number): string[] {
  return [
    // Background jobs of a non-interactive shell read /dev/null unless told otherwise: keep our stdin as fd 3.
    'exec 3<&0',
    `setsid sh -c ${commandWord} </dev/null 3<&- &`,
    'C=$!',
    // If the channel is already gone, writing a marker must not kill us before the watcher runs.
    // Set only now: an ignored signal would stay ignored in the command, which was forked before.
    "trap '' PIPE",
    mark(nonce, 'pgid:$C'),
    `( cat <&3 >/dev/null\n${killGroup('$C', graceSeconds)}\n) >/dev/null 2>&1 &`,
    'W=$!',
    '{ wait "$C"; R=$?; } 2>/dev/null',
    'kill "$W" 2>/dev/null; exec 3<&-',
    mark(nonce, 'exit:$R'),
    'exit 0',
  ];
}

/** Commands up to this size go to a spare session; `read` takes its input a byte at a time. */
export const SPARE_COMMAND_MAX_BYTES = 16 * 1024;

/**
 * A spare session, started ahead of need: its session leader is already up and waits for the
 * command on stdin, ended by a line only this session knows (`spareInput`). The command then runs
 * in that shell, so nothing is exec'd between its arrival and its start. A watcher with a session
 * of its own takes the rest of stdin; if our channel closes while the command still runs, it ends
 * the session (TERM, grace, KILL). Our side closing before a command came ends it all quietly.
 */
export function spareScript(nonce: string, graceSeconds: number): string {
  const watch = [
    'cat >/dev/null',
    // The leader gone means the command is over: what it left running is left alone, as in a tied run.
    'kill -0 "$1" 2>/dev/null || exit 0',
    killGroup('$1', graceSeconds),
  ].join('\n');
  const leader = [
    `E=${shQuote(spareEnd(nonce))}; __td_c=`,
    'while IFS= read -r L; do [ "$L" = "$E" ] && break; __td_c="$__td_c$L\n"; done',
    '[ "$L" = "$E" ] || exit 0',
    'unset E L',
    'exec 3<&0',
    `setsid sh -c ${shQuote(watch)} taskdeck-watch-${nonce} $$ <&3 >/dev/null 2>&1 &`,
    'exec 0</dev/null 3<&-',
    // The command's text is expanded before eval runs it, and unset first: it sees no variable of ours.
    'eval "unset __td_c\n$__td_c"',
  ].join('\n');
  return inSh([
    needSetsid(nonce),
    'exec 3<&0',
    `setsid sh -c ${shQuote(leader)} sh <&3 3<&- &`,
    'C=$!',
    'exec 3<&-',
    "trap '' PIPE",
    mark(nonce, 'pgid:$C'),
    '{ wait "$C"; R=$?; } 2>/dev/null',
    mark(nonce, 'exit:$R'),
    'exit 0',
  ].join('\n'));
}

/** Whether `command` can be sent to a spare session (small, no NUL byte `read` would drop). */
export function fitsSpare(command: string): boolean {
  return !command.includes('\0') && Buffer.byteLength(command) <= SPARE_COMMAND_MAX_BYTES;
}

/** What a spare session is sent to run `command`. */
export function spareInput(command: string, nonce: string): string {
  return `${command}\n${spareEnd(nonce)}\n`;
}

const spareEnd = (nonce: string): string => `${MARKER}${nonce}:go`;

/** The directory a detached run keeps its pid, output and exit status in. */
export function detachedDir(instanceId: string): string {
  return `.taskdeck/runs/${instanceId}`;
}

/** Detached run: the command runs on under its own session, writing to files; no channel holds it. */
export function detachedStartScript(command: string, nonce: string, instanceId: string): string {
  return inSh([
    needSetsid(nonce),
    `D="$HOME"/${detachedDir(instanceId)}`,
    `mkdir -p "$D" || { ${mark(nonce, 'error:cannot create the run directory')}; exit 1; }`,
    `printf '%s' ${shQuote(command)} > "$D/cmd"`,
    // Runs from $HOME like a tied run; exit status written atomically when the command ends.
    `setsid sh -c 'D=$1; cd; sh "$D/cmd" >"$D/out" 2>"$D/err" </dev/null; echo $? >"$D/exit.tmp"; mv "$D/exit.tmp" "$D/exit"' taskdeck "$D" </dev/null >/dev/null 2>&1 &`,
    'echo $! > "$D/pgid"',
    mark(nonce, 'pgid:$!'),
  ].join('\n'));
}

/** Follow a detached run's output from byte offsets until it ends, then report its exit status. */
export function attachScript(nonce: string, instanceId: string, outOffset: number, errOffset: number): string {
  const dir = `"$HOME"/${detachedDir(instanceId)}`;
  return inSh([
    `cd ${dir} 2>/dev/null || { ${mark(nonce, 'lost')}; exit 0; }`,
    'P=$(cat pgid)',
    `tail -s 0.2 -c +${outOffset + 1} -F --pid="$P" out 2>/dev/null &`,
    'T1=$!',
    `tail -s 0.2 -c +${errOffset + 1} -F --pid="$P" err 2>/dev/null >&2 &`,
    'T2=$!',
    'wait $T1 $T2',
    `if [ -f exit ]; then ${mark(nonce, 'exit:$(cat exit)')}; elif kill -0 -"$P" 2>/dev/null; then ${mark(nonce, 'error:tail ended while the run goes on')}; else ${mark(nonce, 'lost')}; fi`,
  ].join('\n'));
}

/**
 * Shell function `alive P`: true while process P or any live (non-zombie) process in session or
 * group P is left. Zombies are ignored: they are dead, and some containers' init never reaps them.
 */
const aliveFn =
  `alive() { if command -v ps >/dev/null 2>&1; then ps -e -o pid=,sid=,pgid=,stat= | awk -v p="$1" '($1 == p || $2 == p || $3 == p) && $4 !~ /^Z/ { f = 1 } END { exit !f }'; else kill -0 -"$1" 2>/dev/null || kill -0 "$1" 2>/dev/null; fi; }`;

/**
 * Shell snippet: TERM the session, wait up to the grace period, then KILL what is left. The
 * process P itself is signalled too: if the connection drops the moment a run starts, the watcher
 * may get here before P has made its session, and P must not go on to make it afterwards.
 */
function killGroup(pgid: string, graceSeconds: number): string {
  const ticks = Math.max(1, Math.round(graceSeconds * 10));
  return [
    aliveFn,
    `kill -TERM -${pgid} ${pgid} 2>/dev/null; pkill -TERM -s ${pgid} 2>/dev/null`,
    `i=0; while alive ${pgid} && [ $i -lt ${ticks} ]; do sleep 0.1; i=$((i+1)); done`,
    `kill -KILL -${pgid} ${pgid} 2>/dev/null; pkill -KILL -s ${pgid} 2>/dev/null`,
  ].join('\n');
}

/** End a run's whole session and verify: prints `gone` or `alive`. */
export function killScript(pgid: number, graceSeconds: number): string {
  if (!Number.isInteger(pgid) || pgid <= 1) throw new RangeError(`refusing to signal process group ${pgid}`);
  return inSh([
    killGroup(String(pgid), graceSeconds),
    `i=0; while alive ${pgid} && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done`,
    `if alive ${pgid}; then echo alive; else echo gone; fi`,
  ].join('\n'));
}

/** Run a script under POSIX sh whatever the user's login shell is (bash, zsh, fish, csh). */
export function inSh(script: string): string {
  return `exec sh -c ${shQuote(script)}`;
}

/** Remove a finished detached run's directory. */
export function cleanupScript(instanceId: string): string {
  return inSh(`rm -rf "$HOME"/${detachedDir(instanceId)}`);
}

/** Store our stdin as a private file for a run (`umask 077`): its input, however large. */
export function stdinUploadScript(instanceId: string): string {
  return inSh(`umask 077 && mkdir -p "$HOME/.taskdeck/stdin" && cat > "$HOME/.taskdeck/stdin/${instanceId}"`);
}

/** Run a command reading that file on stdin, removing it afterwards. */
export function withStdinFile(command: string, instanceId: string): string {
  const f = `"$HOME/.taskdeck/stdin/${instanceId}"`;
  return `{ ${command}
} < ${f}; r=$?; rm -f ${f}; exit $r`;
}
