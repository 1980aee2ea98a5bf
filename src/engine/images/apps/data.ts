import { isoSpace, redisDate } from '../shell/format.ts';
import type { AppContext, AppStartResult } from '../types.ts';

const MiB = 1024 * 1024;

export function redisApp(ctx: AppContext): AppStartResult {
  const version = /^\d/.test(ctx.version) ? (ctx.version.split('.').length >= 3 ? ctx.version : ctx.version.startsWith('6') ? '6.2.16' : ctx.version.startsWith('7.2') ? '7.2.6' : '7.4.1') : '7.4.1';
  const c = (ms: number, role: string, mark: string, text: string) => ({ at: ms, text: `1:${role} ${redisDate(ctx.startMs + ms)} ${mark} ${text}` });
  return {
    ports: [6379],
    readyAfterMs: 0,
    memoryBytes: 4 * MiB,
    logs: [
      c(0, 'C', '#', 'WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add \'vm.overcommit_memory = 1\' to /etc/sysctl.conf and then reboot or run the command \'sysctl vm.overcommit_memory=1\' for this to take effect.'),
      c(0, 'C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
      c(0, 'C', '*', `Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`),
      c(0, 'C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'),
      c(0, 'M', '*', 'monotonic clock: POSIX clock_gettime'),
      c(0, 'M', '*', 'Running mode=standalone, port=6379.'),
      c(0, 'M', '*', 'Server initialized'),
      c(0, 'M', '*', 'Ready to accept connections tcp'),
    ],
    onStop(_s, atMs) {
      const at = (ms: number, mark: string, text: string) => `1:M ${redisDate(atMs + ms)} ${mark} ${text}`;
      return {
        afterMs: 20,
        code: 0,
        logs: [
          `1:signal-handler (${Math.floor(atMs / 1000)}) Received SIGTERM scheduling shutdown...`,
          at(10, '*', 'User requested shutdown...'),
          at(10, '*', 'Saving the final RDB snapshot before exiting.'),
          at(15, '*', 'DB saved on disk'),
          at(20, '#', 'Redis is now ready to exit, bye bye...'),
        ],
      };
    },
  };
}

export function mysqlApp(ctx: AppContext): AppStartResult {
  const version = ctx.version.startsWith('5.7') ? '5.7.44-1.el7' : ctx.version.startsWith('8.0') ? '8.0.40-1.el9' : '8.4.3-1.el9';
  const note = (ms: number, level: string, text: string) => ({ at: ms, text: `${isoSpace(ctx.startMs + ms)}+00:00 [${level}] [Entrypoint]: ${text}` });
  const hasPassword = ['MYSQL_ROOT_PASSWORD', 'MYSQL_ALLOW_EMPTY_PASSWORD', 'MYSQL_RANDOM_ROOT_PASSWORD'].some((k) => ctx.env.has(k));
  const head = [
    note(40, 'Note', `Entrypoint script for MySQL Server ${version} started.`),
    note(120, 'Note', "Switching to dedicated user 'mysql'"),
    note(150, 'Note', `Entrypoint script for MySQL Server ${version} started.`),
  ];
  if (!hasPassword) {
    return {
      ports: [],
      readyAfterMs: 0,
      memoryBytes: 20 * MiB,
      logs: [
        ...head,
        note(300, 'ERROR', 'Database is uninitialized and password option is not specified'),
        { at: 300, text: '    You need to specify one of the following as an environment variable:' },
        { at: 300, text: '    - MYSQL_ROOT_PASSWORD' },
        { at: 300, text: '    - MYSQL_ALLOW_EMPTY_PASSWORD' },
        { at: 300, text: '    - MYSQL_RANDOM_ROOT_PASSWORD' },
      ],
      exit: { at: 310, code: 1 },
      onStop: () => ({ afterMs: 0, code: 0, logs: [] }),
    };
  }
  const ready = 14_000;
  const sys = (ms: number, text: string) => ({ at: ms, text: `${new Date(ctx.startMs + ms).toISOString().replace('Z', '000Z')} ${text}` });
  return {
    ports: [3306, 33060],
    readyAfterMs: ready,
    memoryBytes: 420 * MiB,
    logs: [
      ...head,
      note(400, 'Note', 'Initializing database files'),
      note(9_000, 'Note', 'Database files initialized'),
      note(9_100, 'Note', 'Starting temporary server'),
      note(11_000, 'Note', 'Temporary server started.'),
      note(12_500, 'Note', 'Stopping temporary server'),
      note(13_500, 'Note', 'Temporary server stopped'),
      { at: 13_500, text: '' },
      note(13_500, 'Note', 'MySQL init process done. Ready for start up.'),
      { at: 13_500, text: '' },
      sys(ready, `0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${version.split('-')[0]}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`),
    ],
    onStop(_s, atMs) {
      return {
        afterMs: 1500,
        code: 0,
        logs: [`${new Date(atMs + 1400).toISOString().replace('Z', '000Z')} 0 [System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld ${version.split('-')[0]})  MySQL Community Server - GPL.`],
      };
    },
  };
}

export function postgresApp(ctx: AppContext): AppStartResult {
  const hasPassword = (ctx.env.get('POSTGRES_PASSWORD') ?? '') !== '' || ctx.env.get('POSTGRES_HOST_AUTH_METHOD') === 'trust';
  if (!hasPassword) {
    const lines = [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ];
    return { ports: [], readyAfterMs: 0, memoryBytes: 8 * MiB, logs: lines.map((text) => ({ at: 30, text })), exit: { at: 35, code: 1 }, onStop: () => ({ afterMs: 0, code: 0, logs: [] }) };
  }
  const major = /^\d+/.exec(ctx.version)?.[0] ?? '17';
  const ts = (ms: number) => `${new Date(ctx.startMs + ms).toISOString().replace('T', ' ').replace(/\.(\d{3})Z$/, '.$1 UTC')}`;
  return {
    ports: [5432],
    readyAfterMs: 3_000,
    memoryBytes: 40 * MiB,
    logs: [
      { at: 50, text: 'The files belonging to this database system will be owned by user "postgres".' },
      { at: 50, text: 'This user must also own the server process.' },
      { at: 2_000, text: 'PostgreSQL init process complete; ready for start up.' },
      { at: 2_900, text: `${ts(2_900)} [1] LOG:  starting PostgreSQL ${major}.2 (Debian ${major}.2-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit` },
      { at: 2_950, text: `${ts(2_950)} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432` },
      { at: 3_000, text: `${ts(3_000)} [1] LOG:  database system is ready to accept connections` },
    ],
    onStop(_s, atMs) {
      const t = new Date(atMs).toISOString().replace('T', ' ').replace(/\.(\d{3})Z$/, '.$1 UTC');
      return { afterMs: 300, code: 0, logs: [`${t} [1] LOG:  received fast shutdown request`, `${t} [1] LOG:  database system is shut down`] };
    },
  };
}
