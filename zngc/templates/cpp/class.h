{%- import "cpp/macros.h" as m %}
{%- let name = ty.name.name %}
namespace {{ ty.name.namespace }} {
{% if !ty.name.args.is_empty() %}template <> {% endif %}struct {{ name }}{{ ty.name.args }} : ::{{ ns }}::zng_internal::{{ ty.base_class(ns) }} {
{%- if ty.owned() %}
{%- if let Some(call) = ty.default_constructor %}
  template <class Zng = ::{{ ns }}::zng_internal::Defer> {{ name }}(){{ call.noexcept_suffix() }} {
    ::{{ ns }}::zng_internal::{{ call.construct_fn() }}({{ call.symbol }}, *this);
  }
  explicit {{ name }}(::{{ ns }}::zng_internal::Uninit u) noexcept : {{ ty.base_class(ns) }}(u) {}
{%- else if ty.declares_constructors() %}
  {{ name }}() = default;
{%- endif %}
{%- if !ty.copy %}
  static const char* __zng_name() noexcept { return "{{ ty.cpp }}"; }
{%- endif %}
{%- for call in ty.constructors %}
  template <class Zng = ::{{ ns }}::zng_internal::Defer> {{ name }}({{ call.deferred_params(false) }}){{ call.noexcept_suffix() }} {
    ::{{ ns }}::zng_internal::{{ call.construct_fn() }}({{ call.symbol }}, *this{{ call.call_args() }});
  }
{%- endfor %}
{%- if let Some(object) = ty.cpp_object %}
{%- if object.is_value() %}
  // `#cpp_value`: takes over a C++ object made by
  // `ZngurCppOpaqueOwnedObject::build<T>(args…)`; Rust's drop deletes it.
  {{ name }}(::{{ ns }}::ZngurCppOpaqueOwnedObject&& object) noexcept {
    static_assert(sizeof(this->__zng_storage) == sizeof(object.__zng_storage),
                  "a #cpp_value type needs the layout of two pointers");
    ::std::memcpy(this->__zng_slot(), object.__zng_value(), sizeof(object.__zng_storage));
    object.__zng_release();
    this->__zng_adopt();
  }
  template <class... Args> static {{ ty.cpp }} build(Args&&... args) {
    return {{ name }}(::{{ ns }}::ZngurCppOpaqueOwnedObject::build<{{ object.cpp_type }}>(::std::forward<Args>(args)...));
  }
{%- endif %}
{%- if let CppObjectKind::StackOwned { size, align } = object.kind %}
  // `#cpp_stack_owned`: the Rust value's bytes are the C++ object, which
  // Rust moves with memcpy.
  static_assert(sizeof({{ object.cpp_type }}) == {{ size }}, "the size of {{ object.cpp_type }} is not the declared {{ size }}");
  static_assert(alignof({{ object.cpp_type }}) == {{ align }}, "the alignment of {{ object.cpp_type }} is not the declared {{ align }}");
  static_assert(::{{ ns }}::is_trivially_relocatable<{{ object.cpp_type }}>::value,
                "Type must be trivially relocatable: Rust moves it with memcpy (specialise rust::is_trivially_relocatable if it is)");
  template <class... Args> static {{ ty.cpp }} build(Args&&... args) {
    auto o = ::{{ ns }}::zng_internal::uninit<{{ ty.cpp }}>();
    new (o.__zng_slot()) {{ object.cpp_type }}(::std::forward<Args>(args)...);
    o.__zng_adopt();
    return o;
  }
{%- endif %}
{%- endif %}
{%- match ty.box_builder %}
{%- when Some(BoxBuilder::Object { trait_cpp, symbol }) %}
  // A Rust-owned `Box<dyn Trait>` holding a new `Impl`; Rust's drop runs
  // its destructor.
  template <class Impl, class... Args> static {{ ty.cpp }} make_box(Args&&... args) {
    static_assert(::std::is_base_of<{{ trait_cpp }}, Impl>::value,
                  "make_box: the class does not implement the trait (derive it from {{ trait_cpp }})");
    {{ trait_cpp }}* object = new Impl(::std::forward<Args>(args)...);
    auto o = ::{{ ns }}::zng_internal::uninit<{{ ty.cpp }}>();
    {{ symbol }}(reinterpret_cast<::std::uint8_t*>(object),
        [](::std::uint8_t* data) noexcept { delete reinterpret_cast<{{ trait_cpp }}*>(data); },
        o.__zng_slot());
    o.__zng_adopt();
    return o;
  }
{%- when Some(BoxBuilder::Closure { symbol, ret, inputs }) %}
  // A Rust-owned closure calling a copy of `f`; Rust's drop destroys it.
  template <class F> static {{ ty.cpp }} make_box(F f) {
    using Callable = ::std::decay_t<F>;
    using Helper = ::{{ ns }}::zng_internal::closure<Callable, {{ ty.closure_types() }}>;
    auto o = ::{{ ns }}::zng_internal::uninit<{{ ty.cpp }}>();
    {{ symbol }}(reinterpret_cast<::std::uint8_t*>(new Callable(::std::move(f))), &Helper::destroy,
        [](::std::uint8_t* data{{ ty.closure_params() }}, ::std::uint8_t* out) noexcept {
          Helper::call(data, out{{ ty.closure_args() }});
        },
        o.__zng_slot());
    o.__zng_adopt();
    return o;
  }
{%- when None %}
{%- endmatch %}
{%- for call in ty.by_value %}
  template <class Zng = ::{{ ns }}::zng_internal::Defer> auto {{ call.name }}({{ call.deferred_params(true) }}){{ call.noexcept_suffix() }} {
    return {{ call.name }}<Zng>(::std::move(*this){{ call.forwarded_rest() }});
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
{%- endfor %}
{%- for call in ty.exclusive %}
{%- call m::static_form(call) %}{% endcall %}
{%- endfor %}
{%- if ty.has_member_forms() %}
  // The member forms, which the static forms above would hide.
{%- for call in ty.shared %}
  using __zng_members::{{ call.name }};
{%- endfor %}
{%- for call in ty.exclusive %}
  using __zng_members::{{ call.name }};
{%- endfor %}
{%- endif %}
};
}  // namespace {{ ty.name.namespace }}
