namespace {{ ns }}::zng_internal {
{%- for ty in bridge.types %}
{%- if ty.unsized_type && ty.name.name != "Str" && ty.name.name != "Slice" && ty.name.name != "Dyn" %}
template <> struct is_unsized<{{ ty.cpp }}> : ::std::true_type {};
{%- endif %}
{%- if !ty.fields.is_empty() %}
template <class C> struct layout<{{ ty.cpp }}, C> {
  union {
    typename C::storage __zng_storage;
{%- for field in ty.fields %}
    typename C::template field<{{ field.cpp_type }}, {{ field.offset }}> {{ field.cpp_name }};
{%- endfor %}
  };
};
{%- endif %}
{%- if !ty.runtime_class && !ty.shared.is_empty() %}
template <class Self> struct shared_methods<{{ ty.cpp }}, Self> {
{%- for call in ty.shared %}
  {{ call.ret }} {{ call.name }}({{ call.param_list(true) }}) const{{ call.noexcept_suffix() }};
{%- endfor %}
};
{%- endif %}
{%- if !ty.runtime_class && !ty.exclusive.is_empty() %}
template <class Self> struct mut_methods<{{ ty.cpp }}, Self> {
{%- for call in ty.exclusive %}
  {{ call.ret }} {{ call.name }}({{ call.param_list(true) }}){{ call.noexcept_suffix() }};
{%- endfor %}
};
{%- endif %}
{%- if let Some(symbol) = ty.debug_symbol %}
template <> struct debug<{{ ty.cpp }}> {
  static void print(const char* file, int line, const char* expr, const ::std::uint8_t* r) {
    {{ symbol }}(file, line, expr, r);
  }
};
{%- endif %}
{%- endfor %}
}  // namespace {{ ns }}::zng_internal
