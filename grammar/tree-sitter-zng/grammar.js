/**
 * Tree-sitter grammar for `.zng` files (zngc / Zngur 0.9).
 *
 * `grammar/zng.ebnf` and `spec.md` are the description of the syntax; this
 * grammar follows them for highlighting and editor structure, and is lenient
 * where the compiler's checks (not its syntax) reject a file.
 */

/** `#name` as one token, so that `#else` after a block is told from `#layout`. */
const directive = (name) =>
  alias(token(prec(1, seq('#', /[ \t]*/, name))), '#' + name);

const commaSep = (rule) => optional(commaSep1(rule));
const commaSep1 = (rule) => seq(rule, repeat(seq(',', rule)), optional(','));

const PREC = { or: 1, and: 2, not: 3 };

module.exports = grammar({
  name: 'zng',

  extras: ($) => [/\s/, $.comment],

  word: ($) => $.identifier,

  rules: {
    source_file: ($) => repeat($._item),

    _item: ($) =>
      choice(
        $.type_declaration,
        $.trait_declaration,
        $.function_declaration,
        $.mod_block,
        $.extern_block,
        $.use_alias,
        $.merge,
        $.import,
        $.convert_panic_to_exception,
        $.cpp_additional_includes,
        $.unstable,
        $.if_directive,
        $.match_directive,
      ),

    // Inside `#if`/`#match` blocks: the items of the enclosing scope, which
    // may be top-level items or type items; the checker tells which apply.
    _any_item: ($) => choice($._item, $._type_item_only),

    type_declaration: ($) =>
      seq('type', field('type', $._type), field('body', $.type_body)),

    type_body: ($) =>
      seq('{', repeat($._type_item), '}'),

    _type_item: ($) =>
      choice($._type_item_only, $.function_declaration, $.if_directive, $.match_directive),

    _type_item_only: ($) =>
      choice(
        $.layout,
        $.heap_allocated,
        $.only_by_ref,
        $.wellknown_traits,
        $.constructor,
        $.field_declaration,
        $.cpp_value,
        $.cpp_ref,
        $.cpp_stack_owned,
      ),

    trait_declaration: ($) =>
      seq('trait', field('trait', $._trait_ref), '{', repeat($.function_declaration), '}'),

    function_declaration: ($) =>
      seq(
        optional(field('safety', choice('safe', 'unsafe'))),
        optional('async'),
        'fn',
        field('name', $.identifier),
        optional(field('generics', $.generic_arguments)),
        field('parameters', $.parameters),
        optional(seq('->', field('output', $._type))),
        optional(seq('use', field('use', $.path))),
        optional(seq('deref', field('deref', $._type))),
        ';',
      ),

    parameters: ($) => seq('(', commaSep(choice($.self_parameter, $._type)), ')'),

    self_parameter: ($) => seq(optional(seq('&', optional('mut'))), 'self'),

    mod_block: ($) => seq('mod', field('path', $.path), '{', repeat($._item), '}'),

    extern_block: ($) =>
      seq('extern', field('abi', $.string), '{', repeat(choice($.function_declaration, $.extern_impl)), '}'),

    extern_impl: ($) =>
      seq(
        'impl',
        optional(seq(field('trait', $._trait_ref), 'for')),
        field('type', $._type),
        '{',
        repeat($.function_declaration),
        '}',
      ),

    use_alias: ($) => seq('use', field('path', $.path), 'as', field('alias', $.identifier), ';'),

    merge: ($) => seq('merge', field('file', $.string), ';'),

    import: ($) => seq('import', field('file', $.string), ';'),

    convert_panic_to_exception: ($) => seq(directive('convert_panic_to_exception'), optional(';')),

    cpp_additional_includes: ($) =>
      seq(directive('cpp_additional_includes'), field('text', $.string), optional(';')),

    unstable: ($) => seq(directive('unstable'), '(', field('feature', $.identifier), ')', optional(';')),

    // ---- type items ----

    layout: ($) =>
      seq(
        choice(directive('layout'), directive('layout_conservative')),
        $.layout_properties,
        ';',
      ),

    layout_properties: ($) => seq('(', commaSep1($.layout_property), ')'),

    layout_property: ($) => seq(field('name', $.identifier), '=', field('value', $.number)),

    heap_allocated: ($) =>
      seq(choice(directive('heap_allocated'), directive('heap_allocate')), ';'),

    only_by_ref: ($) => seq(directive('only_by_ref'), ';'),

    wellknown_traits: ($) => seq('wellknown_traits', '(', commaSep($.wellknown_trait), ')', ';'),

    wellknown_trait: ($) => seq(optional('?'), $.identifier),

    constructor: ($) =>
      seq(
        'constructor',
        optional(field('name', $.identifier)),
        optional(field('fields', choice($.tuple_fields, $.named_fields))),
        ';',
      ),

    tuple_fields: ($) => seq('(', commaSep($._type), ')'),

    named_fields: ($) => seq('{', commaSep($.named_field), '}'),

    named_field: ($) => seq(field('name', $.identifier), ':', field('type', $._type)),

    field_declaration: ($) =>
      seq(
        'field',
        field('name', choice($.identifier, $.number)),
        '(',
        commaSep1(choice($.field_offset, $.field_type)),
        ')',
        ';',
      ),

    field_offset: ($) => seq('offset', '=', field('value', choice($.number, $.auto))),

    auto: (_) => 'auto',

    field_type: ($) => seq('type', '=', field('type', $._type)),

    cpp_value: ($) =>
      seq(directive('cpp_value'), field('field', $.string), field('cpp_type', $.string), ';'),

    cpp_ref: ($) => seq(directive('cpp_ref'), field('cpp_type', $.string), ';'),

    cpp_stack_owned: ($) =>
      seq(directive('cpp_stack_owned'), field('cpp_type', $.string), $.layout_properties, ';'),

    // ---- conditional compilation ----

    if_directive: ($) =>
      seq(
        directive('if'),
        field('condition', $._cfg_guard),
        field('consequence', $.cfg_block),
        repeat($.else_if_clause),
        optional($.else_clause),
      ),

    else_if_clause: ($) =>
      seq(directive('else'), 'if', field('condition', $._cfg_guard), field('consequence', $.cfg_block)),

    else_clause: ($) => seq(directive('else'), field('alternative', $.cfg_block)),

    cfg_block: ($) => seq('{', repeat($._any_item), '}'),

    _cfg_guard: ($) => choice($.cfg, $.not_guard, $.binary_guard, $.parenthesized_guard),

    not_guard: ($) => prec(PREC.not, seq('!', $._cfg_guard)),

    binary_guard: ($) =>
      choice(
        prec.left(PREC.and, seq(field('left', $._cfg_guard), field('operator', '&&'), field('right', $._cfg_guard))),
        prec.left(PREC.or, seq(field('left', $._cfg_guard), field('operator', '||'), field('right', $._cfg_guard))),
      ),

    parenthesized_guard: ($) => seq('(', $._cfg_guard, ')'),

    cfg: ($) =>
      seq('cfg', '!', '(', field('key', $.cfg_key), optional(seq('=', field('pattern', $._cfg_pattern))), ')'),

    cfg_key: ($) =>
      seq(
        field('name', choice($.identifier, $.string)),
        optional(seq('.', field('item', choice($.identifier, $.string, $.number)))),
      ),

    match_directive: ($) =>
      seq(
        directive('match'),
        field('scrutinee', choice($.cfg, $.cfg_tuple)),
        '{',
        repeat(seq($.match_arm, optional(','))),
        '}',
      ),

    cfg_tuple: ($) => seq('(', commaSep($.cfg), ')'),

    match_arm: ($) =>
      seq(
        field('pattern', $._cfg_pattern),
        '=>',
        field('value', choice($.cfg_block, $._any_item)),
      ),

    _cfg_pattern: ($) =>
      choice(
        $.string,
        $.number,
        $.some,
        $.none,
        $.wildcard,
        $.not_pattern,
        $.binary_pattern,
        $.tuple_pattern,
      ),

    some: (_) => 'Some',
    none: (_) => 'None',
    wildcard: (_) => '_',

    not_pattern: ($) => prec(PREC.not, seq('!', $._cfg_pattern)),

    binary_pattern: ($) =>
      choice(
        prec.left(PREC.and, seq(field('left', $._cfg_pattern), field('operator', '&'), field('right', $._cfg_pattern))),
        prec.left(PREC.or, seq(field('left', $._cfg_pattern), field('operator', '|'), field('right', $._cfg_pattern))),
      ),

    tuple_pattern: ($) => seq('(', commaSep($._cfg_pattern), ')'),

    // ---- types and paths ----

    _type: ($) =>
      choice(
        $.path,
        $.reference_type,
        $.pointer_type,
        $.slice_type,
        $.tuple_type,
        $.dyn_type,
        $.impl_type,
      ),

    reference_type: ($) => seq('&', optional($.mutable), field('type', $._type)),

    pointer_type: ($) => seq('*', choice('const', $.mutable), field('type', $._type)),

    mutable: (_) => 'mut',

    slice_type: ($) => seq('[', field('element', $._type), ']'),

    tuple_type: ($) => seq('(', commaSep($._type), ')'),

    dyn_type: ($) => prec.right(seq('dyn', field('trait', $._trait_ref), repeat(seq('+', field('marker', $.identifier))))),

    impl_type: ($) => prec.right(seq('impl', field('trait', $._trait_ref), repeat(seq('+', field('marker', $.identifier))))),

    _trait_ref: ($) => choice($.path, $.fn_trait),

    fn_trait: ($) =>
      prec.right(
        seq(
          field('name', choice('Fn', 'FnMut', 'FnOnce')),
          '(',
          commaSep($._type),
          ')',
          optional(seq('->', field('output', $._type))),
        ),
      ),

    path: ($) =>
      prec.right(
        seq(
          optional('::'),
          choice($.crate, $.path_segment),
          repeat(seq('::', choice($.path_segment, $.generic_arguments))),
        ),
      ),

    crate: (_) => 'crate',

    path_segment: ($) => prec.right(seq(field('name', $.identifier), optional(field('generics', $.generic_arguments)))),

    generic_arguments: ($) => seq('<', commaSep(choice($._type, $.generic_binding)), '>'),

    generic_binding: ($) => seq(field('name', $.identifier), '=', field('type', $._type)),

    // ---- tokens ----

    // A raw identifier (`r#type`) is one identifier token, so it is never
    // the keyword it spells and its `#` never starts a directive.
    identifier: (_) => /(r#)?[A-Za-z_][A-Za-z0-9_]*/,

    number: (_) => /[0-9]+/,

    // A string may span lines (C++ include blocks); `\"` escapes a quote.
    string: (_) => token(seq('"', repeat(choice(/[^"\\]/, /\\(.|\n)/)), '"')),

    comment: (_) => token(seq('//', /.*/)),
  },
});
