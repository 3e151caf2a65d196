{#- Member forms of `&self` and `&mut self` methods, for `T`, `Ref<T>`,
    `RefMut<T>` and field wrappers; defined after every class. -#}
{%- if let Some(object) = ty.cpp_object %}
template <class Self>
inline {{ object.cpp_type }}& ::{{ ns }}::zng_internal::{{ ty.api }}_shared<Self>::cpp() const {
  return {{ ty.cpp_access(ns) }};
}
{%- endif %}
{%- for call in ty.shared %}
template <class Self>
inline auto ::{{ ns }}::zng_internal::{{ ty.api }}_shared<Self>::{{ call.name }}({{ call.plain_param_list() }}) const{{ call.noexcept_suffix() }} -> {{ call.ret }} {
  return {{ ty.cpp }}::{{ call.name }}(::{{ ns }}::Ref<{{ ty.cpp }}>(static_cast<const Self&>(*this)){% if !call.rest_params().is_empty() %}, {{ call.rest_names() }}{% endif %});
}
{%- endfor %}
{%- for call in ty.exclusive %}
template <class Self>
inline auto ::{{ ns }}::zng_internal::{{ ty.api }}_mut<Self>::{{ call.name }}({{ call.plain_param_list() }}){{ call.noexcept_suffix() }} -> {{ call.ret }} {
  return {{ ty.cpp }}::{{ call.name }}(::{{ ns }}::RefMut<{{ ty.cpp }}>(static_cast<Self&>(*this)){% if !call.rest_params().is_empty() %}, {{ call.rest_names() }}{% endif %});
}
{%- endfor %}
