/**
 * Payload validation as Discord does it, producing Discord-shaped `Invalid Form Body` errors:
 * `{code: 50035, message: 'Invalid Form Body', errors: {embeds: {0: {title: {_errors: [...]}}}}}`.
 * Lengths are counted in Unicode code points (characters), not bytes nor UTF-16 units.
 */

/** One error leaf, as Discord writes it. */
export interface FormError {
  code: string;
  message: string;
}

/** Nested error tree: keys are field names or array indexes, leaves hold `_errors`. */
export interface ErrorTree {
  _errors?: FormError[];
  [key: string]: ErrorTree | FormError[] | undefined;
}

/** Collects errors at paths and tells whether any were found. */
export class FormErrors {
  readonly tree: ErrorTree = {};
  count = 0;

  add(path: Array<string | number>, code: string, message: string): void {
    let node: ErrorTree = this.tree;
    for (const key of path) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as ErrorTree;
    }
    (node._errors ??= []).push({ code, message });
    this.count++;
  }
}

/** Length in characters (code points), as Discord counts them. */
export function charLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkString(
  errors: FormErrors,
  path: Array<string | number>,
  value: unknown,
  max: number,
  min = 0,
  required = false,
): void {
  if (value === undefined || value === null) {
    if (required) errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (typeof value !== 'string') {
    errors.add(path, 'STRING_TYPE_CONVERT', 'Could not interpret value as string.');
    return;
  }
  const len = charLength(value);
  if (min > 0 && (len < min || len > max)) {
    errors.add(path, 'BASE_TYPE_BAD_LENGTH', `Must be between ${min} and ${max} in length.`);
  } else if (len > max) {
    errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${max} or fewer in length.`);
  }
}

/** Discord's embed limits. */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  total: 6000,
  perMessage: 10,
} as const;

/** Checks `embeds`; `base` is the path prefix (`['data']` inside an interaction callback). */
export function validateEmbeds(errors: FormErrors, base: Array<string | number>, embeds: unknown): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) {
    errors.add([...base, 'embeds'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  if (embeds.length > EMBED_LIMITS.perMessage) {
    errors.add([...base, 'embeds'], 'BASE_TYPE_MAX_LENGTH', `Must be ${EMBED_LIMITS.perMessage} or fewer in length.`);
  }
  let total = 0;
  embeds.forEach((embed, i) => {
    const p = [...base, 'embeds', i];
    if (!isObject(embed)) {
      errors.add(p, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    checkString(errors, [...p, 'title'], embed.title, EMBED_LIMITS.title);
    checkString(errors, [...p, 'description'], embed.description, EMBED_LIMITS.description);
    checkString(errors, [...p, 'url'], embed.url, 2048);
    if (typeof embed.title === 'string') total += charLength(embed.title);
    if (typeof embed.description === 'string') total += charLength(embed.description);
    if (embed.color !== undefined && embed.color !== null) {
      if (typeof embed.color !== 'number' || !Number.isInteger(embed.color) || embed.color < 0 || embed.color > 0xffffff) {
        errors.add([...p, 'color'], 'NUMBER_TYPE_MAX', 'int value should be less than or equal to 16777215.');
      }
    }
    if (embed.timestamp !== undefined && embed.timestamp !== null && Number.isNaN(Date.parse(String(embed.timestamp)))) {
      errors.add([...p, 'timestamp'], 'DATE_TIME_TYPE_PARSE', 'Could not parse timestamp. Should be ISO8601.');
    }
    if (embed.footer !== undefined && embed.footer !== null) {
      if (!isObject(embed.footer)) errors.add([...p, 'footer'], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      else {
        checkString(errors, [...p, 'footer', 'text'], embed.footer.text, EMBED_LIMITS.footer, 0, true);
        if (typeof embed.footer.text === 'string') total += charLength(embed.footer.text);
      }
    }
    if (embed.author !== undefined && embed.author !== null) {
      if (!isObject(embed.author)) errors.add([...p, 'author'], 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      else {
        checkString(errors, [...p, 'author', 'name'], embed.author.name, EMBED_LIMITS.author, 0, true);
        if (typeof embed.author.name === 'string') total += charLength(embed.author.name);
      }
    }
    if (embed.fields !== undefined && embed.fields !== null) {
      if (!Array.isArray(embed.fields)) errors.add([...p, 'fields'], 'BASE_TYPE_ARRAY', 'Must be an array.');
      else {
        if (embed.fields.length > EMBED_LIMITS.fields) {
          errors.add([...p, 'fields'], 'BASE_TYPE_MAX_LENGTH', `Must be ${EMBED_LIMITS.fields} or fewer in length.`);
        }
        embed.fields.forEach((field: unknown, j: number) => {
          const fp = [...p, 'fields', j];
          if (!isObject(field)) {
            errors.add(fp, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
            return;
          }
          // Discord requires both and refuses empty strings.
          checkString(errors, [...fp, 'name'], field.name, EMBED_LIMITS.fieldName, 1, true);
          checkString(errors, [...fp, 'value'], field.value, EMBED_LIMITS.fieldValue, 1, true);
          if (typeof field.name === 'string') total += charLength(field.name);
          if (typeof field.value === 'string') total += charLength(field.value);
        });
      }
    }
  });
  if (total > EMBED_LIMITS.total) {
    errors.add([...base, 'embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${EMBED_LIMITS.total}`);
  }
}

/** Collects every custom_id of a component tree (to detect duplicates and find clicked buttons). */
export function* walkComponents(components: unknown): Generator<Json> {
  if (!Array.isArray(components)) return;
  for (const c of components) {
    if (!isObject(c)) continue;
    yield c;
    if (Array.isArray(c.components)) yield* walkComponents(c.components);
    if (isObject(c.accessory)) yield c.accessory;
  }
}

/** Checks `components` (legacy action rows: at most 5 rows of 5 buttons or 1 select). */
export function validateComponents(errors: FormErrors, base: Array<string | number>, components: unknown, flags: number): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) {
    errors.add([...base, 'components'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  // Components V2 (flag 1<<15) has other layout rules; only ids are checked there.
  const v2 = (flags & (1 << 15)) !== 0;
  if (!v2 && components.length > 5) {
    errors.add([...base, 'components'], 'BASE_TYPE_MAX_LENGTH', 'Must be 5 or fewer in length.');
  }
  const seen = new Set<string>();
  components.forEach((row, i) => {
    const rp = [...base, 'components', i];
    if (!isObject(row)) {
      errors.add(rp, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    if (!v2 && row.type !== 1) {
      errors.add([...rp, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (1,).');
      return;
    }
    if (row.type === 1) {
      const children = Array.isArray(row.components) ? row.components : [];
      if (children.length === 0 || children.length > 5) {
        errors.add([...rp, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
      }
      const hasSelect = children.some((c) => isObject(c) && [3, 5, 6, 7, 8].includes(Number(c.type)));
      if (hasSelect && children.length > 1) {
        errors.add([...rp, 'components'], 'COMPONENT_LAYOUT_WIDTH_EXCEEDED', 'The specified component exceeds the maximum width');
      }
      children.forEach((c, j) => {
        const cp = [...rp, 'components', j];
        if (!isObject(c)) return;
        if (c.type === 2) {
          checkString(errors, [...cp, 'label'], c.label, 80);
          const style = Number(c.style);
          if (!(style >= 1 && style <= 6)) errors.add([...cp, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.');
          if (style === 5) {
            if (typeof c.url !== 'string') errors.add([...cp, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
            if (c.custom_id !== undefined) errors.add([...cp, 'custom_id'], 'COMPONENT_INVALID_FIELD', 'A link button cannot have a custom_id');
          } else if (style !== 6) {
            checkString(errors, [...cp, 'custom_id'], c.custom_id, 100, 1, true);
          }
          if (c.label === undefined && c.emoji === undefined) {
            errors.add([...cp], 'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED', 'A button must have a label or an emoji');
          }
        } else if ([3, 5, 6, 7, 8].includes(Number(c.type))) {
          checkString(errors, [...cp, 'custom_id'], c.custom_id, 100, 1, true);
          checkString(errors, [...cp, 'placeholder'], c.placeholder, 150);
          if (c.type === 3) {
            const options = Array.isArray(c.options) ? c.options : [];
            if (options.length < 1 || options.length > 25) {
              errors.add([...cp, 'options'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
            }
            options.forEach((o, k) => {
              if (!isObject(o)) return;
              checkString(errors, [...cp, 'options', k, 'label'], o.label, 100, 1, true);
              checkString(errors, [...cp, 'options', k, 'value'], o.value, 100, 1, true);
              checkString(errors, [...cp, 'options', k, 'description'], o.description, 100);
            });
          }
        } else {
          errors.add([...cp, 'type'], 'UNION_TYPE_CHOICES', 'Value of field "type" must be one of (2, 3, 5, 6, 7, 8).');
        }
      });
    }
  });
  for (const c of walkComponents(components)) {
    if (typeof c.custom_id !== 'string') continue;
    if (seen.has(c.custom_id)) {
      errors.add([...base, 'components'], 'COMPONENT_CUSTOM_ID_DUPLICATED', `Component custom id cannot be duplicated`);
    }
    seen.add(c.custom_id);
  }
}

/** Checks `allowed_mentions` (parse vs explicit lists are exclusive, 100 ids at most). */
export function validateAllowedMentions(errors: FormErrors, base: Array<string | number>, am: unknown): void {
  if (am === undefined || am === null) return;
  const p = [...base, 'allowed_mentions'];
  if (!isObject(am)) {
    errors.add(p, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  const parse = Array.isArray(am.parse) ? am.parse.map(String) : [];
  for (const kind of ['users', 'roles'] as const) {
    if (parse.includes(kind) && Array.isArray(am[kind]) && (am[kind] as unknown[]).length > 0) {
      errors.add(p, 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE', `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`);
    }
    if (Array.isArray(am[kind]) && (am[kind] as unknown[]).length > 100) {
      errors.add([...p, kind], 'BASE_TYPE_MAX_LENGTH', 'Must be 100 or fewer in length.');
    }
  }
  for (const v of parse) {
    if (!['users', 'roles', 'everyone'].includes(v)) {
      errors.add([...p, 'parse'], 'BASE_TYPE_CHOICES', `Value must be one of {'users', 'roles', 'everyone'}.`);
    }
  }
}

/** Checks a message body (create or edit); `base` is `['data']` for interaction callbacks. */
export function validateMessage(errors: FormErrors, base: Array<string | number>, body: Json): void {
  checkString(errors, [...base, 'content'], body.content, 2000);
  validateEmbeds(errors, base, body.embeds);
  validateComponents(errors, base, body.components, Number(body.flags ?? 0));
  validateAllowedMentions(errors, base, body.allowed_mentions);
  if (body.nonce !== undefined && body.nonce !== null) {
    if (typeof body.nonce === 'string' && charLength(body.nonce) > 25) {
      errors.add([...base, 'nonce'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
    }
  }
}

/** True when a message body would show nothing (Discord refuses it with 50006). */
/** Discord's default upload limit per file (servers without boosts). */
export const ATTACHMENT_SIZE_MAX = 10 * 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** One file of a multipart upload. */
export interface UploadedFile {
  /** The form field (`files[0]`). */
  field: string;
  name: string;
  size: number;
  type: string;
  data: Buffer;
}

/** Width and height of a PNG's IHDR, or undefined when the bytes are not a PNG with a header. */
export function pngSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE) || data.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  return width > 0 && height > 0 ? { width, height } : undefined;
}

/**
 * The uploaded files of a message and its `attachments` array (ids: `files[N]`'s index for a new
 * file, an existing attachment's id to keep one): as Discord checks them, plus one check of the
 * fake's own — a file named `.png` must be a PNG with a header, so that a broken picture fails a test.
 */
export function validateAttachments(errors: FormErrors, base: Array<string | number>, body: Json, files: readonly UploadedFile[], existing: readonly string[] = []): void {
  files.forEach((file, i) => {
    if (!/^files\[\d+\]$/.test(file.field)) errors.add([...base, 'files', i], 'BASE_TYPE_INVALID', `Unexpected form field ${file.field}.`);
    if (file.size > ATTACHMENT_SIZE_MAX) errors.add([...base, 'files', i], 'BASE_TYPE_MAX_LENGTH', 'File too large.');
    if (/\.png$/i.test(file.name) && !pngSize(file.data)) errors.add([...base, 'files', i], 'IMAGE_INVALID', 'Invalid image data.');
  });
  const list = body.attachments;
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) {
    errors.add([...base, 'attachments'], 'BASE_TYPE_LIST', 'Must be an array.');
    return;
  }
  const uploaded = new Set(files.map((f) => /^files\[(\d+)\]$/.exec(f.field)?.[1]));
  list.forEach((entry, i) => {
    if (!isObject(entry)) {
      errors.add([...base, 'attachments', i], 'MODEL_TYPE', 'Must be an object.');
      return;
    }
    const id = String(entry.id ?? '');
    if (!uploaded.has(id) && !existing.includes(id)) errors.add([...base, 'attachments', i, 'id'], 'ATTACHMENT_NOT_FOUND', `Unknown attachment ${id}.`);
    if (entry.description !== undefined) checkString(errors, [...base, 'attachments', i, 'description'], entry.description, 1024);
  });
}

export function isEmptyMessage(body: Json, attachments = 0): boolean {
  const hasContent = typeof body.content === 'string' && body.content.trim().length > 0;
  const hasEmbeds = Array.isArray(body.embeds) && body.embeds.length > 0;
  const hasComponents = Array.isArray(body.components) && body.components.length > 0;
  const hasStickers = Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0;
  const hasPoll = isObject(body.poll);
  return !hasContent && !hasEmbeds && !hasComponents && !hasStickers && !hasPoll && attachments === 0;
}

/** The valid locale keys of `*_localizations`. */
export const LOCALES = new Set([
  'id', 'en-US', 'en-GB', 'bg', 'zh-CN', 'zh-TW', 'hr', 'cs', 'da', 'nl', 'fi', 'fr', 'de', 'el', 'hi', 'hu',
  'it', 'ja', 'ko', 'lt', 'no', 'pl', 'pt-BR', 'ro', 'ru', 'es-ES', 'es-419', 'sv-SE', 'th', 'tr', 'uk', 'vi',
]);

/** Discord's regex for command and option names. */
export const COMMAND_NAME_REGEX = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkName(errors: FormErrors, path: Array<string | number>, name: unknown, chatInput: boolean): void {
  if (typeof name !== 'string') {
    errors.add(path, 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (chatInput) {
    if (!COMMAND_NAME_REGEX.test(name) || name !== name.toLowerCase()) {
      errors.add(path, 'APPLICATION_COMMAND_INVALID_NAME', `Command name is invalid`);
    }
  } else {
    checkString(errors, path, name, 32, 1);
  }
}

function checkLocalizations(
  errors: FormErrors,
  path: Array<string | number>,
  value: unknown,
  kind: 'name' | 'description',
  chatInput: boolean,
): void {
  if (value === undefined || value === null) return;
  if (!isObject(value)) {
    errors.add(path, 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
    return;
  }
  for (const [locale, text] of Object.entries(value)) {
    if (!LOCALES.has(locale)) {
      errors.add([...path, locale], 'ENUM_TYPE_COERCE', `Value "${locale}" is not a valid enum value.`);
      continue;
    }
    if (kind === 'name') checkName(errors, [...path, locale], text, chatInput);
    else checkString(errors, [...path, locale], text, 100, 1, true);
  }
}

/** Characters a command weighs against Discord's 4000 limit (names, descriptions, choices, all locales). */
function commandWeight(node: Json): number {
  let n = 0;
  const add = (v: unknown): void => {
    if (typeof v === 'string') n += charLength(v);
  };
  add(node.name);
  add(node.description);
  for (const key of ['name_localizations', 'description_localizations']) {
    const loc = node[key];
    if (isObject(loc)) Object.values(loc).forEach(add);
  }
  if (Array.isArray(node.choices)) {
    for (const c of node.choices) {
      if (!isObject(c)) continue;
      add(c.name);
      if (typeof c.value === 'string') add(c.value);
      if (isObject(c.name_localizations)) Object.values(c.name_localizations).forEach(add);
    }
  }
  if (Array.isArray(node.options)) for (const o of node.options) if (isObject(o)) n += commandWeight(o);
  return n;
}

function validateOptions(errors: FormErrors, path: Array<string | number>, options: unknown, depth: number): void {
  if (options === undefined || options === null) return;
  if (!Array.isArray(options)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  if (options.length > 25) errors.add(path, 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  const names = new Set<string>();
  let sawOptional = false;
  options.forEach((o, i) => {
    const p = [...path, i];
    if (!isObject(o)) {
      errors.add(p, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    const type = Number(o.type);
    if (!(type >= 1 && type <= 11)) {
      errors.add([...p, 'type'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}.');
    }
    checkName(errors, [...p, 'name'], o.name, true);
    checkString(errors, [...p, 'description'], o.description, 100, 1, true);
    checkLocalizations(errors, [...p, 'name_localizations'], o.name_localizations, 'name', true);
    checkLocalizations(errors, [...p, 'description_localizations'], o.description_localizations, 'description', true);
    if (typeof o.name === 'string') {
      if (names.has(o.name)) errors.add([...p, 'name'], 'APPLICATION_COMMAND_OPTION_NAME_ALREADY_EXISTS', 'Option name already exists');
      names.add(o.name);
    }
    const isSub = type === 1 || type === 2;
    if (isSub) {
      // Subcommands live at the top (or in a group); groups hold only subcommands.
      if (depth >= 2 || (depth === 1 && type === 2)) {
        errors.add([...p, 'type'], 'APPLICATION_COMMAND_OPTION_TYPE_INVALID', 'Sub-command options may not be nested here');
      }
      validateOptions(errors, [...p, 'options'], o.options, depth + 1);
    } else {
      if (o.required === true && sawOptional) {
        errors.add([...p, 'required'], 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', 'Required options must be placed before non-required options');
      }
      if (o.required !== true) sawOptional = true;
      if (Array.isArray(o.choices)) {
        if (o.autocomplete === true) {
          errors.add([...p, 'autocomplete'], 'APPLICATION_COMMAND_OPTION_AUTOCOMPLETE_WITH_CHOICES', 'Autocomplete cannot be enabled with choices');
        }
        if (o.choices.length > 25) errors.add([...p, 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
        o.choices.forEach((c: unknown, k: number) => {
          if (!isObject(c)) return;
          checkString(errors, [...p, 'choices', k, 'name'], c.name, 100, 1, true);
          if (typeof c.value === 'string') checkString(errors, [...p, 'choices', k, 'value'], c.value, 100, 1, true);
        });
      }
      if (o.max_length !== undefined && (Number(o.max_length) < 1 || Number(o.max_length) > 6000)) {
        errors.add([...p, 'max_length'], 'NUMBER_TYPE_MAX', 'int value should be between 1 and 6000.');
      }
    }
  });
  const hasSub = options.some((o) => isObject(o) && (o.type === 1 || o.type === 2));
  const hasPlain = options.some((o) => isObject(o) && o.type !== 1 && o.type !== 2);
  if (hasSub && hasPlain) {
    errors.add(path, 'APPLICATION_COMMAND_OPTIONS_TYPE_INVALID', 'Sub-command and sub-command group option types are mutually exclusive to all other types');
  }
}

/** Validates one command definition (create or overwrite). `base` is `[index]` inside a bulk PUT. */
export function validateCommand(errors: FormErrors, base: Array<string | number>, cmd: unknown): void {
  if (!isObject(cmd)) {
    errors.add(base, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    return;
  }
  const type = cmd.type === undefined ? 1 : Number(cmd.type);
  const chatInput = type === 1;
  checkName(errors, [...base, 'name'], cmd.name, chatInput);
  checkLocalizations(errors, [...base, 'name_localizations'], cmd.name_localizations, 'name', chatInput);
  if (chatInput) {
    checkString(errors, [...base, 'description'], cmd.description, 100, 1, true);
    checkLocalizations(errors, [...base, 'description_localizations'], cmd.description_localizations, 'description', true);
    validateOptions(errors, [...base, 'options'], cmd.options, 0);
    if (commandWeight(cmd) > 4000) {
      errors.add(base, 'APPLICATION_COMMAND_TOO_LARGE', 'Command exceeds maximum size (4000)');
    }
  } else if (typeof cmd.description === 'string' && cmd.description.length > 0) {
    errors.add([...base, 'description'], 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', 'Context menu commands cannot have a description');
  }
}

/** Validates an autocomplete result (`data.choices`: at most 25, names 1–100 characters). */
export function validateChoices(errors: FormErrors, choices: unknown): void {
  if (!Array.isArray(choices)) {
    errors.add(['data', 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (choices.length > 25) errors.add(['data', 'choices'], 'BASE_TYPE_MAX_LENGTH', 'Must be 25 or fewer in length.');
  choices.forEach((c, i) => {
    if (!isObject(c)) return;
    checkString(errors, ['data', 'choices', i, 'name'], c.name, 100, 1, true);
    if (typeof c.value === 'string') checkString(errors, ['data', 'choices', i, 'value'], c.value, 100, 0, true);
    else if (typeof c.value !== 'number') errors.add(['data', 'choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
  });
}
