import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitShellCommands, splitWords } from './shell-words.js';

const argvs = (script: string): string[][] => splitShellCommands(script).map((c) => c.argv);

describe('splitShellCommands', () => {
  it('splits on &&, ||, ;, &, newlines and keeps pipelines together', () => {
    const cmds = splitShellCommands('apt-get update && apt-get install -y curl || true; sleep 1 & curl -fsSL https://x | sudo sh -s\necho done');
    assert.deepEqual(cmds.map((c) => c.argv), [['apt-get', 'update'], ['apt-get', 'install', '-y', 'curl'], ['true'], ['sleep', '1'], ['curl', '-fsSL', 'https://x'], ['sudo', 'sh', '-s'], ['echo', 'done']]);
    const curl = cmds[4];
    const sh = cmds[5];
    assert.equal(curl.pipeline, sh.pipeline);
    assert.deepEqual([curl.pipeIndex, sh.pipeIndex], [0, 1]);
    assert.notEqual(cmds[3].pipeline, curl.pipeline);
    assert.deepEqual(cmds.map((c) => c.line), [1, 1, 1, 1, 1, 1, 2]);
  });

  it('removes quotes and escapes, keeps variables and substitutions as written', () => {
    assert.deepEqual(argvs(`echo "a b" 'c d' e\\ f "$HOME" \${V:-x} $(uname -m) "q\\"q"`), [['echo', 'a b', 'c d', 'e f', '$HOME', '${V:-x}', '$(uname -m)', 'q"q']]);
  });

  it('drops comments and redirections (with their targets and descriptors)', () => {
    assert.deepEqual(argvs('make > /dev/null 2>&1 # quiet\ncat < in.txt >> out.txt\nls &> log'), [['make'], ['cat'], ['ls']]);
  });

  it('skips compound keywords and reads subshells and groups', () => {
    assert.deepEqual(argvs('if [ -f x ]; then pip install a; else pip install b; fi'), [['[', '-f', 'x', ']'], ['pip', 'install', 'a'], ['pip', 'install', 'b']]);
    assert.deepEqual(argvs('(cd /src && make) || { echo fail; exit 1; }'), [['cd', '/src'], ['make'], ['echo', 'fail'], ['exit', '1']]);
    assert.deepEqual(argvs('for p in a b; do npm install $p; done'), [['npm', 'install', '$p']]);
  });

  it('joins backslash-newline continuations and reports each command at its own line', () => {
    const cmds = splitShellCommands('apt-get update \\\n  && apt-get install -y \\\n    gcc\nrm -rf /var/lib/apt/lists/*');
    assert.deepEqual(cmds.map((c) => [c.line, c.argv.join(' ')]), [[1, 'apt-get update'], [2, 'apt-get install -y gcc'], [4, 'rm -rf /var/lib/apt/lists/*']]);
  });

  it('expands sh -c / bash -c bodies one level, keeping the wrapper', () => {
    assert.deepEqual(argvs(`sh -c 'apt-get install -y gcc && echo "hi"'`), [['sh', '-c', 'apt-get install -y gcc && echo "hi"'], ['apt-get', 'install', '-y', 'gcc'], ['echo', 'hi']]);
    assert.deepEqual(argvs(`sudo bash -ec "chmod 777 /x"`), [['sudo', 'bash', '-ec', 'chmod 777 /x'], ['chmod', '777', '/x']]);
    assert.deepEqual(argvs(`sh -c "sh -c 'deep'"`).length, 2, 'only one level');
  });

  it('reads here-documents: data for cat, a script for sh', () => {
    const cmds = splitShellCommands("cat <<'EOT' > /etc/x.conf\nrm -rf /\nEOT\nbash -e <<EOF\n\tapt-get install -y vim\nEOF\necho done");
    assert.deepEqual(cmds.map((c) => [c.line, c.argv.join(' ')]), [[1, 'cat'], [4, 'bash -e'], [5, 'apt-get install -y vim'], [7, 'echo done']]);
    assert.deepEqual(argvs('cat <<-EOF\n\tx\n\tEOF\nls'), [['cat'], ['ls']]);
  });

  it('takes a line mapping for scripts embedded in a file', () => {
    const cmds = splitShellCommands('a\nb', { lineOf: (o) => (o < 2 ? 10 : 12) });
    assert.deepEqual(cmds.map((c) => c.line), [10, 12]);
  });

  it('tolerates unterminated quotes and stray operators', () => {
    assert.deepEqual(argvs(`echo "open`), [['echo', 'open']]);
    assert.deepEqual(argvs(`&& ; | ls`), [['ls']]);
  });
});

describe('splitWords', () => {
  it('splits ENV/ARG-style arguments, removing quotes', () => {
    assert.deepEqual(splitWords(`A=1 B="2 3" C='x' D=a\\ b`), ['A=1', 'B=2 3', 'C=x', 'D=a b']);
  });
  it('honours another escape character: backslashes are then plain characters', () => {
    assert.deepEqual(splitWords('X=C:\\tools Y="C:\\a b" Z=a` b', '`'), ['X=C:\\tools', 'Y=C:\\a b', 'Z=a b']);
  });
});
