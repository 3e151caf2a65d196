{%- import "cpp/macros.h" as m %}
{%- let name = ty.name.name %}
{%- if let Some(call) = ty.default_constructor %}
template <class Zng>
inline {{ ty.cpp }}::{{ name }}(){{ call.noexcept_suffix() }} {
{%- call m::constructor_body(call) %}{% endcall %}
}
{%- endif %}
{%- for call in ty.constructors %}
template <class Zng>
inline {{ ty.cpp }}::{{ name }}({{ call.lazy_param_list(ns, false) }}){{ call.noexcept_suffix() }} {
{%- call m::constructor_body(call) %}{% endcall %}
}
{%- endfor %}
{%- for call in ty.statics %}
template <class Zng>
inline auto {{ ty.cpp }}::{{ call.name }}({{ call.lazy_param_list(ns, false) }}){{ call.noexcept_suffix() }} -> {{ call.lazy_ret(ns) }} {
{%- call m::call_body(call, "o.__zng_slot()") %}{% endcall %}
}
{%- endfor %}
{%- for call in ty.by_value %}
template <class Zng>
inline auto {{ ty.cpp }}::{{ call.name }}({{ call.lazy_param_list(ns, false) }}){{ call.noexcept_suffix() }} -> {{ call.lazy_ret(ns) }} {
{%- call m::call_body(call, "o.__zng_slot()") %}{% endcall %}
}
template <class Zng>
inline auto {{ ty.cpp }}::{{ call.name }}({{ call.lazy_param_list(ns, true) }}){{ call.noexcept_suffix() }} -> {{ call.lazy_ret(ns) }} {
  return {{ call.name }}<Zng>(::std::move(::{{ ns }}::zng_internal::dep<Zng>(*this)){% if !call.rest_params().is_empty() %}, {{ call.rest_names() }}{% endif %});
}
{%- endfor %}
{%- for call in ty.shared %}
template <class Zng>
inline auto {{ ty.cpp }}::{{ call.name }}({{ call.lazy_param_list(ns, false) }}){{ call.noexcept_suffix() }} -> {{ call.lazy_ret(ns) }} {
{%- call m::call_body(call, "o.__zng_slot()") %}{% endcall %}
}
template <class Self>
inline auto ::{{ ns }}::zng_internal::shared_methods<{{ ty.cpp }}, Self>::{{ call.name }}({{ call.param_list(true) }}) const{{ call.noexcept_suffix() }} -> {{ call.ret }} {
  return {{ ty.cpp }}::{{ call.name }}(::{{ ns }}::Ref<{{ ty.cpp }}>(static_cast<const Self&>(*this)){% if !call.rest_params().is_empty() %}, {{ call.rest_names() }}{% endif %});
}
{%- endfor %}
{%- for call in ty.exclusive %}
template <class Zng>
inline auto {{ ty.cpp }}::{{ call.name }}({{ call.lazy_param_list(ns, false) }}){{ call.noexcept_suffix() }} -> {{ call.lazy_ret(ns) }} {
{%- call m::call_body(call, "o.__zng_slot()") %}{% endcall %}
}
template <class Self>
inline auto ::{{ ns }}::zng_internal::mut_methods<{{ ty.cpp }}, Self>::{{ call.name }}({{ call.param_list(true) }}){{ call.noexcept_suffix() }} -> {{ call.ret }} {
  return {{ ty.cpp }}::{{ call.name }}(::{{ ns }}::RefMut<{{ ty.cpp }}>(static_cast<Self&>(*this)){% if !call.rest_params().is_empty() %}, {{ call.rest_names() }}{% endif %});
}
{%- endfor %}
