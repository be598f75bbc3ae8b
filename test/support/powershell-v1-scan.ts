/**
 * Finds PowerShell constructs that Windows PowerShell 1.0 cannot run, in a script meant for Exchange
 * Server 2007 hosts (PowerShell 1.0 on Windows Server 2003, 2.0 on 2008 / 2008 R2). Comments and string
 * text are blanked first, so prose that mentions a construct is not a finding, while code inside a
 * string's `$( … )` and variables in double-quoted strings are still scanned.
 */
export interface CompatFinding {
  readonly id: string;
  readonly line: number;
  readonly text: string;
}

interface CompatRule {
  readonly id: string;
  /** Why PowerShell 1.0 cannot run it (the version that brought it). */
  readonly why: string;
  readonly pattern: RegExp;
  /** Also required in the unblanked script right after the match (for values that may be quoted strings). */
  readonly then?: RegExp;
}

/** Cmdlets with an -Encoding parameter in PowerShell 1.0 (FileSystem provider content cmdlets, Out-File, Export-Csv). */
const ENCODING_CMDLETS_V1 = new Set(['out-file', 'export-csv', 'set-content', 'add-content', 'get-content']);

/** Cmdlets that PowerShell 1.0 does not have. */
const NEWER_CMDLETS = [
  ['Invoke-WebRequest', '3.0'],
  ['Invoke-RestMethod', '3.0'],
  ['ConvertTo-Json', '3.0'],
  ['ConvertFrom-Json', '3.0'],
  ['Get-CimInstance', '3.0'],
  ['Invoke-CimMethod', '3.0'],
  ['Unblock-File', '3.0'],
  ['Test-Connection', '2.0'],
  ['Add-Type', '2.0'],
  ['Set-StrictMode', '2.0'],
  ['Start-Job', '2.0'],
  ['Invoke-Command', '2.0'],
  ['New-PSSession', '2.0'],
  ['Import-Module', '2.0'],
  ['Get-Random', '2.0'],
  ['Send-MailMessage', '2.0'],
  ['ConvertTo-Csv', '2.0'],
  ['ConvertFrom-Csv', '2.0'],
  ['Start-Process', '2.0'],
  ['Out-GridView', '2.0'],
  ['Select-Xml', '2.0'],
  ['Get-WinEvent', '2.0'],
  ['Write-Information', '5.0'],
  ['Test-NetConnection', '4.0 (Windows 8.1 / 2012 R2 module)'],
] as const;

export const COMPAT_RULES: readonly CompatRule[] = [
  { id: 'ordered', why: '[ordered] dictionaries are PowerShell 3.0', pattern: /\[\s*ordered\s*\]/gi },
  { id: 'pscustomobject', why: '[pscustomobject] is a PowerShell 3.0 accelerator', pattern: /\[\s*pscustomobject\s*\]/gi },
  ...NEWER_CMDLETS.map(([name, version]) => ({
    id: name.toLowerCase(),
    why: `${name} arrived in PowerShell ${version}`,
    pattern: new RegExp(`(?<![\\w-])${name}(?![\\w-])`, 'gi'),
  })),
  { id: 'psitem', why: '$PSItem is PowerShell 3.0 (use $_)', pattern: /\$PSItem\b/gi },
  { id: 'in-operator', why: '-in / -notin are PowerShell 3.0 (use -contains)', pattern: /(?<![\w-])-(?:not)?in\b/gi },
  { id: 'new-method', why: '::new() constructors are PowerShell 5.0 (use New-Object)', pattern: /::\s*new\s*\(/gi },
  { id: 'class', why: 'class and enum definitions are PowerShell 5.0', pattern: /^\s*(?:class|enum)\s+\w+/gim },
  { id: 'using-scope', why: '$using: is PowerShell 3.0', pattern: /\$using:/gi },
  {
    id: 'simplified-where',
    why: 'Where-Object Property -eq Value (no script block) is PowerShell 3.0',
    pattern: /\|\s*(?:Where-Object|where|\?)\s+(?!-)[A-Za-z_]/gi,
  },
  {
    id: 'simplified-foreach',
    why: 'ForEach-Object PropertyName (no script block) is PowerShell 3.0',
    pattern: /\|\s*(?:ForEach-Object|foreach|%)\s+(?!-)[A-Za-z_]/gi,
  },
  { id: 'member-name', why: 'ForEach-Object -MemberName is PowerShell 3.0', pattern: /-MemberName\b/gi },
  { id: 'depth', why: '-Depth (ConvertTo-Json 3.0, Get-ChildItem 5.0) is not in PowerShell 1.0', pattern: /(?<![\w-])-Depth\b/gi },
  { id: 'try', why: 'try / catch / finally are PowerShell 2.0 (use trap)', pattern: /\btry\s*\{|\bcatch\s*[[{]|\bfinally\s*\{/gi },
  { id: 'no-newline', why: '-NoNewline on Write-Output / Out-File / Set-Content is PowerShell 5.0', pattern: /-NoNewline\b/gi },
  { id: 'export-csv-append', why: 'Export-Csv -Append is PowerShell 3.0', pattern: /Export-Csv\b[^|;\n]*-Append\b/gi },
  { id: 'block-comment', why: '<# … #> block comments are PowerShell 2.0 (PowerShell 1.0 cannot parse the script)', pattern: /<#/g },
  { id: 'join-split', why: '-join and -split are PowerShell 2.0 (use [string]::Join and .Split())', pattern: /(?<![\w-])-(?:join|[ci]?split)\b/gi },
  { id: 'advanced-function', why: '[CmdletBinding()] and [Parameter()] are PowerShell 2.0', pattern: /\[\s*(?:CmdletBinding|Parameter)\s*\(/gi },
  { id: 'new-object-property', why: 'New-Object -Property is PowerShell 2.0 (use Add-Member or Select-Object)', pattern: /New-Object\b[^|;\n]*-Property\b/gi },
  { id: 'note-property-parameters', why: 'Add-Member -NotePropertyName / -NotePropertyMembers are PowerShell 3.0', pattern: /-NoteProperty(?:Name|Value|Members)\b/gi },
  { id: 'error-action-ignore', why: '-ErrorAction Ignore is PowerShell 3.0 (use SilentlyContinue)', pattern: /-(?:ErrorAction|ea)\b\s*:?\s*/gi, then: /^['"]?\s*Ignore\b/i },
  { id: 'script-root', why: '$PSScriptRoot / $PSCommandPath in scripts are PowerShell 3.0', pattern: /\$(?:PSScriptRoot|PSCommandPath)\b/gi },
  { id: 'file-directory-switch', why: 'Get-ChildItem -File / -Directory are PowerShell 3.0', pattern: /(?:Get-ChildItem|gci|dir|ls)\b[^|;\n]*\s-(?:File|Directory)\b/gi },
  { id: 'collection-methods', why: '.ForEach() / .Where() methods are PowerShell 4.0', pattern: /\.(?:ForEach|Where)\s*\(/gi },
  { id: 'shift-operators', why: '-shl / -shr are PowerShell 3.0', pattern: /(?<![\w-])-sh[lr]\b/gi },
  { id: 'splatting', why: 'splatting (@params) is PowerShell 2.0', pattern: /(?<![\w@$`])@[A-Za-z_]\w*/g },
  {
    id: 'get-eventlog-filters',
    why: 'Get-EventLog -EntryType / -After / -Before / -Source / -ComputerName … are PowerShell 2.0 (1.0 has -LogName and -Newest: filter with Where-Object)',
    pattern: /Get-EventLog\b[^|;\n]*\s-(?:EntryType|After|Before|Source|Message|InstanceId|Index|UserName|ComputerName|AsBaseObject)\b/gi,
  },
  { id: 'default-parameter-values', why: '$PSDefaultParameterValues is PowerShell 3.0', pattern: /\$PSDefaultParameterValues\b/gi },
];

/** Blanks comments and the text of strings (keeping line breaks, so positions and lines stay put). */
export function codeOnly(script: string): string {
  const out = script.split('');
  const blank = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  /** One frame per nesting: code (with the paren depth of a string's `$(`), or a double-quoted string. */
  const stack: ({ kind: 'code'; depth: number; inString: boolean } | { kind: 'string' })[] = [{ kind: 'code', depth: 0, inString: false }];
  let i = 0;
  const at = (s: string): boolean => script.startsWith(s, i);
  while (i < script.length) {
    const frame = stack[stack.length - 1];
    if (!frame) break;
    const ch = script[i] ?? '';
    if (frame.kind === 'string') {
      if (ch === '`') {
        blank(i, i + 2);
        i += 2;
      } else if (at('""')) {
        blank(i, i + 2);
        i += 2;
      } else if (ch === '"') {
        stack.pop();
        i++;
      } else if (at('$(')) {
        stack.push({ kind: 'code', depth: 1, inString: true });
        i += 2;
      } else if (ch === '$') {
        // A variable in the string stays visible: "$PSItem" and "$using:x" are code.
        const name = /^\$(?:\{[^}]*\}|[\w:?]+)/.exec(script.slice(i))?.[0] ?? '$';
        i += name.length;
      } else {
        blank(i, i + 1);
        i++;
      }
      continue;
    }
    if (at('<#')) {
      const end = script.indexOf('#>', i + 2);
      const stop = end === -1 ? script.length : end;
      blank(i + 2, stop);
      i = end === -1 ? script.length : end + 2;
    } else if (ch === '#') {
      const end = script.indexOf('\n', i);
      const stop = end === -1 ? script.length : end;
      blank(i, stop);
      i = stop;
    } else if (/^@['"][ \t]*\r?\n/.test(script.slice(i, i + 8))) {
      const quote = script[i + 1] ?? '';
      const close = new RegExp(`\\n${quote}@`, 'g');
      close.lastIndex = i + 2;
      const end = close.exec(script);
      const stop = end ? end.index + 1 : script.length;
      blank(i + 2, stop);
      i = end ? stop + 2 : script.length;
    } else if (ch === "'") {
      let j = i + 1;
      while (j < script.length && !(script[j] === "'" && script[j + 1] !== "'")) j += script[j] === "'" ? 2 : 1;
      blank(i + 1, j);
      i = j + 1;
    } else if (ch === '"') {
      stack.push({ kind: 'string' });
      i++;
    } else if (ch === '`') {
      i += 2;
    } else {
      if (frame.inString && ch === '(') frame.depth++;
      if (frame.inString && ch === ')' && --frame.depth === 0) stack.pop();
      i++;
    }
  }
  return out.join('');
}

/** Every construct PowerShell 1.0 cannot run, with its line (1-based). */
export function scanForNewerPowerShell(script: string): CompatFinding[] {
  const code = codeOnly(script);
  const lineAt = (index: number): number => script.slice(0, index).split('\n').length;
  const findings: CompatFinding[] = [];
  for (const rule of COMPAT_RULES) {
    for (const match of code.matchAll(rule.pattern)) {
      const after = script.slice(match.index + match[0].length);
      if (rule.then && !rule.then.test(after)) continue;
      findings.push({ id: rule.id, line: lineAt(match.index), text: (match[0] + (rule.then?.exec(after)?.[0] ?? '')).trim() });
    }
  }
  // #requires is a comment to the parser but a demand to the host: 1.0 refuses any version above 1.
  for (const match of script.matchAll(/^[ \t]*#requires\s+-version\s+(\d+)/gim)) {
    if (Number(match[1]) >= 2) findings.push({ id: 'requires-version', line: lineAt(match.index), text: match[0].trim() });
  }
  // -Encoding only on the cmdlets that had it in 1.0: each pipeline element is checked by its command name.
  let offset = 0;
  const joined = code.replace(/`\r?\n/g, (continuation) => ' '.repeat(continuation.length));
  for (const segment of joined.split(/([|;\n])/)) {
    if (/(?<![\w-])-Encoding\b/i.test(segment)) {
      const command = /^\s*(?:\(\s*)*([A-Za-z]+-[A-Za-z]+)/.exec(segment)?.[1]?.toLowerCase() ?? '';
      if (!ENCODING_CMDLETS_V1.has(command)) findings.push({ id: 'encoding-parameter', line: lineAt(offset), text: segment.trim() });
    }
    offset += segment.length;
  }
  return findings.sort((a, b) => a.line - b.line || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Why each rule id is listed (for test names and failure messages). */
export function whyNotPowerShell1(id: string): string {
  if (id === 'requires-version') return '#requires -version 2 or later makes PowerShell 1.0 refuse the script';
  if (id === 'encoding-parameter') return `-Encoding exists in PowerShell 1.0 only on ${[...ENCODING_CMDLETS_V1].join(', ')}`;
  return COMPAT_RULES.find((r) => r.id === id)?.why ?? id;
}
