namespace {{ ns }}::zng_internal {
{%- for ty in bridge.types %}
{%- if ty.unsized_type && ty.name.name != "Str" && ty.name.name != "Slice" && ty.name.name != "Dyn" %}
template <> struct is_unsized<{{ ty.cpp }}> : ::std::true_type {};
{%- endif %}
{%- if !ty.fields.is_empty() %}
template <class C> struct {{ ty.api }}_layout {
  union {
    typename C::storage __zng_storage;
{%- for field in ty.fields %}
    typename C::template field<{{ field.cpp_type }}, {{ field.offset }}> {{ field.cpp_name }};
{%- endfor %}
  };
};
{%- endif %}
{%- if ty.has_shared_mixin() %}
template <class Self> struct {{ ty.api }}_shared {
{%- if let Some(object) = ty.cpp_object %}
  {{ object.cpp_type }}& cpp() const;
{%- endif %}
{%- for call in ty.shared %}
  {{ call.ret }} {{ call.name }}({{ call.plain_param_list() }}) const{{ call.noexcept_suffix() }};
{%- endfor %}
};
{%- endif %}
{%- if !ty.runtime_class && !ty.exclusive.is_empty() %}
template <class Self> struct {{ ty.api }}_mut {
{%- for call in ty.exclusive %}
  {{ call.ret }} {{ call.name }}({{ call.plain_param_list() }}){{ call.noexcept_suffix() }};
{%- endfor %}
};
{%- endif %}
{%- if ty.has_api() %}
template <> struct api<{{ ty.cpp }}> {
  template <class C> using layout = {% if ty.fields.is_empty() %}plain_layout<C>{% else %}{{ ty.api }}_layout<C>{% endif %};
  template <class Self> using shared = {% if !ty.has_shared_mixin() %}no_shared_methods{% else %}{{ ty.api }}_shared<Self>{% endif %};
  template <class Self> using exclusive = {% if ty.exclusive.is_empty() %}no_mut_methods{% else %}{{ ty.api }}_mut<Self>{% endif %};
};
{%- endif %}
{%- if let Some(object) = ty.cpp_object %}
{%- if object.is_ref() %}
template <> struct cpp_ref_of<{{ ty.cpp }}> {
  using type = {{ object.cpp_type }};
};
{%- endif %}
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
