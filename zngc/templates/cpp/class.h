{%- let name = ty.name.name %}
namespace {{ ty.name.namespace }} {
{% if !ty.name.args.is_empty() %}template <> {% endif %}struct {{ name }}{{ ty.name.args }}
    : ::{{ ns }}::zng_internal::layout<{{ ty.cpp }}, {{ ty.owned_context(ns) }}>,
      ::{{ ns }}::zng_internal::shared_methods<{{ ty.cpp }}, {{ ty.cpp }}>,
      ::{{ ns }}::zng_internal::mut_methods<{{ ty.cpp }}, {{ ty.cpp }}> {
{%- if !ty.owned() %}
  {{ name }}() = delete;
  {{ name }}(const {{ name }}&) = delete;
  {{ name }}& operator=(const {{ name }}&) = delete;
  ~{{ name }}() = delete;
{%- else %}
{%- if let Some(call) = ty.default_constructor %}
  {{ name }}(){{ call.noexcept_suffix() }};
{%- else %}
  {{ name }}() noexcept {}
{%- endif %}
  ::std::uint8_t* __zng_slot() const {
    return reinterpret_cast<::std::uint8_t*>(const_cast<decltype(this->__zng_storage)*>(&this->__zng_storage));
  }
{%- if ty.copy %}
  ::std::uint8_t* __zng_value() const { return __zng_slot(); }
  void __zng_check() const {}
  void __zng_release() {}
  void __zng_adopt() {}
{%- else %}
  ~{{ name }}() {
    if (__zng_alive) {{ ty.drop_symbol.as_deref().unwrap_or_default() }}(__zng_slot());
  }
  {{ name }}({{ name }}&& other) noexcept : __zng_alive(other.__zng_alive) {
    ::std::memcpy(__zng_slot(), other.__zng_slot(), sizeof(this->__zng_storage));
    other.__zng_alive = false;
  }
  {{ name }}& operator=({{ name }}&& other) noexcept {
    if (this != &other) {
      if (__zng_alive) {{ ty.drop_symbol.as_deref().unwrap_or_default() }}(__zng_slot());
      ::std::memcpy(__zng_slot(), other.__zng_slot(), sizeof(this->__zng_storage));
      __zng_alive = other.__zng_alive;
      other.__zng_alive = false;
    }
    return *this;
  }
  {{ name }}(const {{ name }}&) = delete;
  {{ name }}& operator=(const {{ name }}&) = delete;
  ::std::uint8_t* __zng_value() const {
    __zng_check();
{%- if ty.heap() %}
    return this->__zng_storage.ptr;
{%- else %}
    return __zng_slot();
{%- endif %}
  }
  void __zng_check() const {
    if (!__zng_alive) ::{{ ns }}::zng_internal::use_of_dead_value("{{ ty.cpp }}");
  }
  void __zng_release() { __zng_alive = false; }
  void __zng_adopt() { __zng_alive = true; }
  bool __zng_alive = false;
{%- endif %}
{%- for call in ty.constructors %}
  {{ name }}({{ call.param_list(false) }}){{ call.noexcept_suffix() }};
{%- endfor %}
{%- for call in ty.by_value %}
  {{ call.ret }} {{ call.name }}({{ call.param_list(true) }}){{ call.noexcept_suffix() }};
{%- endfor %}
{%- endif %}
{%- for call in ty.statics %}
  static {{ call.ret }} {{ call.name }}({{ call.param_list(false) }}){{ call.noexcept_suffix() }};
{%- endfor %}
{%- for call in ty.by_value %}
  static {{ call.ret }} {{ call.name }}({{ call.param_list(false) }}){{ call.noexcept_suffix() }};
{%- endfor %}
{%- for call in ty.shared %}
  static {{ call.ret }} {{ call.name }}({{ call.param_list(false) }}){{ call.noexcept_suffix() }};
  using ::{{ ns }}::zng_internal::shared_methods<{{ ty.cpp }}, {{ ty.cpp }}>::{{ call.name }};
{%- endfor %}
{%- for call in ty.exclusive %}
  static {{ call.ret }} {{ call.name }}({{ call.param_list(false) }}){{ call.noexcept_suffix() }};
  using ::{{ ns }}::zng_internal::mut_methods<{{ ty.cpp }}, {{ ty.cpp }}>::{{ call.name }};
{%- endfor %}
};
}  // namespace {{ ty.name.namespace }}
