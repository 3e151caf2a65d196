namespace {{ ns }}::zng_internal {
{%- for ty in bridge.types %}
{%- if ty.unsized_type && ty.name.name != "Str" && ty.name.name != "Slice" && ty.name.name != "Dyn" %}
template <> struct is_unsized<{{ ty.cpp }}> : ::std::true_type {};
{%- endif %}
{%- if ty.has_api() %}
{#- The members of a `Self` holding or reaching a `T` through `C`: the
    storage, the fields and the member forms of `&self` and `&mut self`
    methods. `T` and `Zng` are parameters so that the bodies and parameter
    types depend on them: they are checked where they are used, after `T`'s
    class. #}
template <class Self, class C, class T = {{ ty.cpp }}, class Zng = Defer> struct {{ ty.api }} {
{%- if ty.fields.is_empty() %}
  typename C::storage __zng_storage;
{%- else %}
  union {
    typename C::storage __zng_storage;
{%- for field in ty.member_fields() %}
    typename C::template field<{{ field.cpp_type }}, {{ field.offset }}> {{ field.cpp_name }};
{%- endfor %}
  };
{%- endif %}
{%- if let Some(object) = ty.cpp_object %}
{%- if object.is_stack_owned() %}
  {{ object.cpp_type }}& cpp() const& { return {{ ty.cpp_access(ns) }}; }
  {#- As in Zngur, `std::move(value).cpp()` moves out of an owned value. #}
  decltype(auto) cpp() && { return owned_rvalue<C>(static_cast<const Self&>(*this).cpp()); }
{%- else %}
  {{ object.cpp_type }}& cpp() const { return {{ ty.cpp_access(ns) }}; }
{%- endif %}
{%- endif %}
{%- for call in ty.shared %}
  auto {{ call.name }}({{ call.deferred_params(true) }}) const{{ call.noexcept_suffix() }} {
    return T::{{ call.name }}(static_cast<const Self&>(*this){{ call.forwarded_rest() }});
  }
{%- endfor %}
{%- for call in ty.exclusive %}
  auto {{ call.name }}({{ call.deferred_params(true) }}){{ call.noexcept_suffix() }} {
    return T::{{ call.name }}(static_cast<Self&>(*this){{ call.forwarded_rest() }});
  }
{%- endfor %}
};
template <> struct api<{{ ty.cpp }}> {
  template <class Self, class C> using members = {{ ty.api }}<Self, C>;
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
