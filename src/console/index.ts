/** The local console: the same commands as on Discord, in a terminal or fed by a pipe. */
export { runConsole, createCompleter, CONSOLE_INVOKER, type ConsoleOptions } from './repl.js';
export { parseLine, parseArguments, findCommand, type ParsedLine, type BuiltinName } from './parse.js';
