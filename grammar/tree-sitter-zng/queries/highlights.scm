; Highlights for .zng. When several patterns capture one node, the later one
; wins (tree-sitter CLI, Neovim), so general patterns come before specific ones.

; Operators and punctuation.
["->" "=>" "=" "&" "*" "+" "?" "!" "&&" "||" "|"] @operator
["::" ":" "," ";" "."] @punctuation.delimiter
["(" ")" "[" "]" "{" "}" "<" ">"] @punctuation.bracket

(comment) @comment
(string) @string
(number) @number

; Keywords.
[
  "type" "trait" "mod" "fn" "impl" "extern" "use" "as" "for" "if"
  "async" "safe" "unsafe" "const" "dyn" "merge" "import"
  "constructor" "field" "offset" "deref" "wellknown_traits"
] @keyword
(mutable) @keyword
(crate) @keyword
(self_parameter "self" @variable.builtin)
(auto) @constant.builtin
[(some) (none) (wildcard)] @constant.builtin

; Directives, preprocessor-style.
[
  "#layout" "#layout_conservative" "#heap_allocated" "#heap_allocate"
  "#only_by_ref" "#cpp_value" "#cpp_ref" "#cpp_stack_owned"
  "#convert_panic_to_exception" "#cpp_additional_includes" "#unstable"
  "#if" "#else" "#match"
] @keyword.directive
(cfg "cfg" @keyword.directive "!" @keyword.directive)
(unstable feature: (identifier) @constant.builtin)

; Properties of layouts and fields.
(layout_property name: (identifier) @property)
(field_type "type" @property)
(field_declaration name: (_) @property)
(named_field name: (identifier) @property)

; Paths: every segment a module, the last one a type, known names builtin.
(path_segment name: (identifier) @module)
(path (path_segment name: (identifier) @type) .)
((path_segment name: (identifier) @type.builtin)
  (#any-of? @type.builtin
    "bool" "char" "str" "i8" "i16" "i32" "i64" "i128" "isize"
    "u8" "u16" "u32" "u64" "u128" "usize" "f32" "f64"
    "Box" "ZngurCppOpaqueOwnedObject"))

; Traits and types.
(wellknown_trait) @type.builtin
(fn_trait name: _ @type.builtin)
(dyn_type marker: (identifier) @type)
(impl_type marker: (identifier) @type)
(generic_binding name: (identifier) @property)
(use_alias alias: (identifier) @type)
(cfg_key name: (identifier) @variable)
(cfg_key item: (identifier) @variable)

; Functions and constructors.
(function_declaration name: (identifier) @function)
(constructor name: (identifier) @constructor)
