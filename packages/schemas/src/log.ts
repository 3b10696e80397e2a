import * as z from 'zod'
import { oneOf, oneOfAnyCase, section } from './kinds.js'
import { exported, masked } from './meta.js'
import { otlpResource, otlpTransports } from './otlp.js'

/** Baqup's own log (not the access log). */
export const log = exported(
  section({
    level: exported(
      oneOfAnyCase(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL', 'PANIC']).default('ERROR'),
      'Log level, from the most verbose to the least: TRACE, DEBUG, INFO, WARN, ERROR, FATAL or PANIC (any case).',
    ),
    format: exported(oneOf(['common', 'json']).default('common'), 'Log format: common or json.'),
    noColor: exported(z.boolean().default(false), 'Disable colours in the common format.'),
    filePath: masked(z.string(), 'File the log is written to; standard output when empty.'),
    maxSize: exported(z.int().default(0), 'Size at which the log file is rotated, in megabytes (0 means 100).'),
    maxAge: exported(z.int().default(0), 'Days rotated log files are kept (0 keeps them regardless of age).'),
    maxBackups: exported(z.int().default(0), 'Number of rotated log files kept (0 keeps them all).'),
    compress: exported(z.boolean().default(false), 'Compress rotated log files with gzip.'),
    otlp: exported(
      section({
        ...otlpResource('logs'),
        ...otlpTransports('logs'),
      }),
      'Also send the log to an OpenTelemetry collector (needs experimental.otlplogs).',
    ),
  }),
  "Baqup's own log: level, format, file and rotation.",
)
