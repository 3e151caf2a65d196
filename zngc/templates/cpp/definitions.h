{%- import "cpp/macros.h" as m %}
{%- let name = ty.name.name %}
{%- if let Some(call) = ty.default_constructor %}
inline {{ ty.cpp }}::{{ name }}(){{ call.noexcept_suffix() }} {
{%- call m::constructor_body(call) %}{% endcall %}
}
{%- endif %}
{%- for call in ty.constructors %}
inline {{ ty.cpp }}::{{ name }}({{ call.param_list(false) }}){{ call.noexcept_suffix() }} {
{%- call m::constructor_body(call) %}{% endcall %}
}
{%- endfor %}
{%- for call in ty.statics %}
inline auto {{ ty.cpp }}::{{ call.name }}({{ call.param_list(false) }}){{ call.noexcept_suffix() }} -> {{ call.ret }} {
{%- call m::call_body(call, "o.__zng_slot()") %}{% endcall %}
}
{%- endfor %}
{%- for call in ty.by_value %}
inline auto {{ ty.cpp }}::{{ call.name }}({{ call.param_list(false) }}){{ call.noexcept_suffix() }} -> {{ call.ret }} {
{%- call m::call_body(call, "o.__zng_slot()") %}{% endcall %}
}
inline auto {{ ty.cpp }}::{{ call.name }}({{ call.param_list(true) }}){{ call.noexcept_suffix() }} -> {{ call.ret }} {
  return {{ call.name }}(::std::move(*this){% if !call.rest_params().is_empty() %}, {{ call.rest_names() }}{% endif %});
}
{%- endfor %}
{%- for call in ty.shared %}
inline auto {{ ty.cpp }}::{{ call.name }}({{ call.param_list(false) }}){{ call.noexcept_suffix() }} -> {{ call.ret }} {
{%- call m::call_body(call, "o.__zng_slot()") %}{% endcall %}
}
template <class Self>
inline auto ::{{ ns }}::zng_internal::shared_methods<{{ ty.cpp }}, Self>::{{ call.name }}({{ call.param_list(true) }}) const{{ call.noexcept_suffix() }} -> {{ call.ret }} {
  return {{ ty.cpp }}::{{ call.name }}(::{{ ns }}::Ref<{{ ty.cpp }}>(static_cast<const Self&>(*this)){% if !call.rest_params().is_empty() %}, {{ call.rest_names() }}{% endif %});
}
{%- endfor %}
{%- for call in ty.exclusive %}
inline auto {{ ty.cpp }}::{{ call.name }}({{ call.param_list(false) }}){{ call.noexcept_suffix() }} -> {{ call.ret }} {
{%- call m::call_body(call, "o.__zng_slot()") %}{% endcall %}
}
template <class Self>
inline auto ::{{ ns }}::zng_internal::mut_methods<{{ ty.cpp }}, Self>::{{ call.name }}({{ call.param_list(true) }}){{ call.noexcept_suffix() }} -> {{ call.ret }} {
  return {{ ty.cpp }}::{{ call.name }}(::{{ ns }}::RefMut<{{ ty.cpp }}>(static_cast<Self&>(*this)){% if !call.rest_params().is_empty() %}, {{ call.rest_names() }}{% endif %});
}
{%- endfor %}
