{%- let name = ty.name.name %}
namespace {{ ty.name.namespace }} {
{% if !ty.name.args.is_empty() %}template <> {% endif %}struct {{ name }}{{ ty.name.args }} : ::{{ ns }}::zng_internal::{{ ty.base_class(ns) }} {
{%- if ty.owned() %}
{%- if let Some(call) = ty.default_constructor %}
  template <class Zng = void> {{ name }}(){{ call.noexcept_suffix() }};
{%- else if !ty.constructors.is_empty() %}
  {{ name }}() = default;
{%- endif %}
{%- if !ty.copy %}
  static const char* __zng_name() { return "{{ ty.cpp }}"; }
{%- endif %}
{%- for call in ty.constructors %}
  template <class Zng = void> {{ name }}({{ call.lazy_param_list(ns, false) }}){{ call.noexcept_suffix() }};
{%- endfor %}
{%- for call in ty.by_value %}
  template <class Zng = void> {{ call.lazy_ret(ns) }} {{ call.name }}({{ call.lazy_param_list(ns, true) }}){{ call.noexcept_suffix() }};
{%- endfor %}
{%- endif %}
{%- for call in ty.statics %}
  template <class Zng = void> static {{ call.lazy_ret(ns) }} {{ call.name }}({{ call.lazy_param_list(ns, false) }}){{ call.noexcept_suffix() }};
{%- endfor %}
{%- for call in ty.by_value %}
  template <class Zng = void> static {{ call.lazy_ret(ns) }} {{ call.name }}({{ call.lazy_param_list(ns, false) }}){{ call.noexcept_suffix() }};
{%- endfor %}
{%- for call in ty.shared %}
  template <class Zng = void> static {{ call.lazy_ret(ns) }} {{ call.name }}({{ call.lazy_param_list(ns, false) }}){{ call.noexcept_suffix() }};
  using ::{{ ns }}::zng_internal::shared_methods<{{ ty.cpp }}, {{ ty.cpp }}>::{{ call.name }};
{%- endfor %}
{%- for call in ty.exclusive %}
  template <class Zng = void> static {{ call.lazy_ret(ns) }} {{ call.name }}({{ call.lazy_param_list(ns, false) }}){{ call.noexcept_suffix() }};
  using ::{{ ns }}::zng_internal::mut_methods<{{ ty.cpp }}, {{ ty.cpp }}>::{{ call.name }};
{%- endfor %}
};
}  // namespace {{ ty.name.namespace }}
