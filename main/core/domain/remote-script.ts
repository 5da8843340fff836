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

/**
 * A run's markers. On stdout: `pgid` (the command's session, reported before the command starts),
 * `exit` (its status; the wrapper ends and the channel closes after it), `done` (its status; the
 * wrapper stays and the channel can take the next command). On stderr: `end`, the last thing of
 * the run there, so its output is known to be complete without waiting for the channel to close.
 */
export type Marker =
  | { kind: 'pgid'; value: number }
  | { kind: 'exit'; value: number }
  | { kind: 'done'; value: number }
  | { kind: 'end' }
  | { kind: 'lost' }
  | { kind: 'error'; value: string };

/** Find a marker of this run in one line: the text before it (a line without newline) and the marker. */
export function parseMarker(line: string, nonce: string): { before: string; marker: Marker } | null {
  const tag = `${MARKER}${nonce}:`;
  const at = line.indexOf(tag);
  if (at < 0) return null;
  const [kind, value = ''] = line.slice(at + tag.length).split(':', 2) as [string, string?];
  const before = line.slice(0, at);
  switch (kind) {
    case 'pgid':
    case 'exit':
    case 'done':
      return { before, marker: { kind, value: Number(value) } };
    case 'end':
      return { before, marker: { kind: 'end' } };
    case 'lost':
      return { before, marker: { kind: 'lost' } };
    default:
      return { before, marker: { kind: 'error', value } };
  }
}

const mark = (nonce: string, what: string): string => `printf '%s\\n' "${MARKER}${nonce}:${what}"`;

const needSetsid = (nonce: string): string => 'command -v setsid >/dev/null 2>&1 || { ' + mark(nonce, 'error:setsid not found on this host (util-linux)') + '; exit 127; }';

/**
 * Tied run: the command in its own session, ended whole (TERM, grace, KILL) when our channel
 * closes while it runs (console gone, network down), so nothing is left behind. Once it has ended
 * cleanly the channel takes further commands like a spare session (`spareNext`, `spareInput`).
 * The command runs in a subshell of its session's leader: `$$` is the leader.
 */
export function tiedScript(command: string, nonce: string, graceSeconds: number): string {
  return tiedWrapper(nonce, graceSeconds, command);
}

/** Commands up to this size go to a spare session; `read` takes its input a byte at a time. */
const SPARE_COMMAND_MAX_BYTES = 16 * 1024;

/**
 * A spare session: a tied run started ahead of need, whose command comes later on stdin, ended by
 * a line only this session knows (`spareInput`). Our side closing before a command came ends it
 * quietly.
 */
export function spareScript(nonce: string, graceSeconds: number): string {
  return tiedWrapper(nonce, graceSeconds, null);
}

/**
 * One command after another, each in a session of its own, and nothing exec'd between a command's
 * arrival and its start:
 * - the session leader (setsid) is started ahead and reads the command (the `first` one, or the
 *   next from our stdin up to the end line); it reports its session (pgid), leaves a watcher on
 *   our stdin and runs the command in a subshell;
 * - the watcher waits for the end of stdin: the channel closed while the command ran. Then it tells
 *   us (USR1) to end the session whole. The leader ends it, and waits for it to be gone, as soon as
 *   the command is over: once we report the command's end, nothing but its successor reads stdin;
 * - we wait for the session and report how it ended. If nothing of it is left we mark the end of
 *   stderr and report `done`, and start the next leader once told to (`spareNext`): the channel is
 *   ready for another command. Our side says when, so that the shells of a run on hundreds of
 *   hosts are not all started at once as it ends.
 *   Else we report `exit` and end: a command that ended by itself has its background jobs left
 *   alone, and the channel closes once they let go of its output.
 */
function tiedWrapper(nonce: string, graceSeconds: number, first: string | null): string {
  const read = [
    'c=; while IFS= read -r L <&3; do [ "$L" = "$E" ] && break; c="$c$L\n"; done',
    // Our stdin ended before a command came: our side closed the channel, and we all quit.
    '[ "$L" = "$E" ] || { kill -USR2 $PPID; exit 0; }',
  ].join('\n');
  const leader = [
    `E=${shQuote(spareEnd(nonce))}; c=`,
    // The first command of a tied run comes as our argument.
    `if [ $# -gt 0 ]; then c=$1; else\n${read}\nfi`,
    // Reported by the session itself, before its command: no output of the command comes before it.
    mark(nonce, 'pgid:$$'),
    // The watcher keeps no output of ours open: the channel closes when the command's output ends.
    '{ read -r L <&3 || kill -USR1 $PPID; } >/dev/null 2>&1 &',
    'W=$!',
    'exec 3<&-',
    // The text is expanded before eval runs it, and unset first: the command sees no variable of ours.
    '( exec </dev/null; eval "unset c L E W; shift $#\n$c" )',
    'R=$?',
    'kill $W 2>/dev/null; wait $W 2>/dev/null',
    'exit $R',
  ].join('\n');
  return inSh([
    needSetsid(nonce),
    first === null ? 'set --' : `set -- ${shQuote(first)}`,
    `end_session() { [ -n "$C" ] || return 0\n${killGroup('$C', graceSeconds)}\n}`,
    // Set before the fork: a caught signal is reset to the default in children.
    "trap 'K=1; end_session' USR1",
    "trap 'Q=1' USR2",
    // Background jobs of a non-interactive shell read /dev/null: our stdin goes to them as fd 3.
    'exec 3<&0',
    'while :; do',
    // The command gets SIGPIPE as it would anywhere (an ignored signal would stay ignored in it).
    'trap - PIPE',
    `setsid sh -c ${shQuote(leader)} sh "$@" &`,
    'C=$!; set --',
    // Told the channel closed before the session was known.
    '[ -z "$K" ] || end_session',
    // If the channel is already gone, writing a marker must not kill us before the session is ended.
    "trap '' PIPE",
    '{ wait "$C"; R=$?; } 2>/dev/null',
    // No command came: the leader has ended by itself.
    '[ -z "$Q" ] || exit 0',
    // `wait` returns early when the trap runs: wait on for the session's real end.
    'while [ -n "$K" ] && kill -0 "$C" 2>/dev/null; do { wait "$C"; R=$?; } 2>/dev/null; done',
    // Done: the next session is started when we are told (`spareNext`), or the channel closes.
    `if [ -z "$K" ] && ! kill -0 -"$C" 2>/dev/null; then printf '%s\\n' "${MARKER}${nonce}:end" >&2; ${mark(nonce, 'done:$R')}; IFS= read -r L && [ "$L" = ${shQuote(nextLine(nonce))} ] || exit 0; continue; fi`,
    "trap '' USR1",
    mark(nonce, 'exit:$R'),
    'exit 0',
    'done',
  ].join('\n'));
}

/**
 * What we send a session once it reported `exit`. Its leader normally ends the watcher itself;
 * if the leader was killed while its command went on (a command running `kill $$`), the watcher
 * is still there, and this line ends it quietly instead of letting it signal a wrapper that is gone.
 */
export const TIED_DONE = 'done\n';

/** Whether `command` can be sent to a spare session (small, no NUL byte `read` would drop). */
export function fitsSpare(command: string): boolean {
  return !command.includes('\0') && Buffer.byteLength(command) <= SPARE_COMMAND_MAX_BYTES;
}

/** What a spare session is sent to run `command`. */
export function spareInput(command: string, nonce: string): string {
  return `${command}\n${spareEnd(nonce)}\n`;
}

/** What tells a session that reported `done` to start the session for its next command. */
export function spareNext(nonce: string): string {
  return `${nextLine(nonce)}\n`;
}

const nextLine = (nonce: string): string => `${MARKER}${nonce}:next`;

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
