{%- import "cpp/macros.h" as m %}
{%- let name = ty.name.name %}
namespace {{ ty.name.namespace }} {
{% if !ty.name.args.is_empty() %}template <> {% endif %}struct {{ name }}{{ ty.name.args }} : ::{{ ns }}::zng_internal::{{ ty.base_class(ns) }} {
{%- if ty.owned() %}
{%- if let Some(call) = ty.default_constructor %}
  template <class Zng = void> {{ name }}(){{ call.noexcept_suffix() }} {
{%- call m::constructor_body(call) %}{% endcall %}
  }
  explicit {{ name }}(::{{ ns }}::zng_internal::Uninit u) noexcept : {{ ty.base_class(ns) }}(u) {}
{%- else if !ty.constructors.is_empty() %}
  {{ name }}() = default;
{%- endif %}
{%- if !ty.copy %}
  static const char* __zng_name() noexcept { return "{{ ty.cpp }}"; }
{%- endif %}
{%- for call in ty.constructors %}
  template <class Zng = void> {{ name }}({{ call.lazy_param_list(ns, "Zng", false) }}){{ call.noexcept_suffix() }} {
{%- call m::constructor_body(call) %}{% endcall %}
  }
{%- endfor %}
{%- for call in ty.by_value %}
  template <class Zng = void> {{ call.lazy_ret(ns, "Zng") }} {{ call.name }}({{ call.lazy_param_list(ns, "Zng", true) }}){{ call.noexcept_suffix() }} {
    return {{ call.name }}<Zng>(::std::move(::{{ ns }}::zng_internal::dep<Zng>(*this)){% if !call.rest_params().is_empty() %}, {{ call.rest_names() }}{% endif %});
  }
{%- endfor %}
{%- endif %}
{%- for call in ty.statics %}
{%- call m::static_form(call) %}{% endcall %}
{%- endfor %}
{%- for call in ty.by_value %}
{%- call m::static_form(call) %}{% endcall %}
{%- endfor %}
{%- for call in ty.shared %}
{%- call m::static_form(call) %}{% endcall %}
  using ::{{ ns }}::zng_internal::{{ ty.api }}_shared<{{ ty.cpp }}>::{{ call.name }};
{%- endfor %}
{%- for call in ty.exclusive %}
{%- call m::static_form(call) %}{% endcall %}
  using ::{{ ns }}::zng_internal::{{ ty.api }}_mut<{{ ty.cpp }}>::{{ call.name }};
{%- endfor %}
};
}  // namespace {{ ty.name.namespace }}
