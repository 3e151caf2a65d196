{#- Rust calling C++: owned C++ objects, trait implementations and
    `extern "C++"` functions. #}
{%- if bridge.defines_opaque_owned() %}

/// A C++ object owned by Rust: dropping it runs the C++ destructor. The
/// same two words as C++'s `rust::ZngurCppOpaqueOwnedObject`.
#[repr(C)]
#[allow(dead_code)]
pub struct ZngurCppOpaqueOwnedObject {
    data: *mut u8,
    destructor: extern "C" fn(*mut u8),
}

impl ::core::ops::Drop for ZngurCppOpaqueOwnedObject {
    fn drop(&mut self) {
        (self.destructor)(self.data)
    }
}
{%- endif %}
{%- if bridge.owns_cpp_objects %}

/// The C++ object behind a trait object or closure. C++ states whether
/// its objects may cross threads through the `Send` and `Sync` markers of
/// the `dyn` types it builds.
struct ZngcCppObject(ZngurCppOpaqueOwnedObject);

unsafe impl ::core::marker::Send for ZngcCppObject {}
unsafe impl ::core::marker::Sync for ZngcCppObject {}
{%- endif %}
{%- if !bridge.cpp_structs.is_empty() %}

/// Rust types standing for C++ objects; re-export each at the path the
/// `.zng` file declares (`pub use generated::cpp::Inventory;`).
{#- Primitives are spelled `::core::primitive::u8`: a struct may be named `u8`. #}
#[allow(non_camel_case_types)]
pub mod cpp {
{%- for st in bridge.cpp_structs %}
{%- match st.kind %}
{%- when CppStructKind::Stack(stack) %}

    /// A C++ object stored inline; C++ may keep its address, so it is
    /// neither `Send`, `Sync` nor `Unpin`.
    #[repr(C, align({{ stack.align }}))]
    pub struct {{ st.name }} {
        data: ::core::mem::MaybeUninit<[::core::primitive::u8; {{ stack.size }}]>,
        _pinned: ::core::marker::PhantomData<(*mut ::core::primitive::u8, ::core::marker::PhantomPinned)>,
    }

    unsafe impl ::zng_runtime::ZngCppObject for {{ st.name }} {}
    unsafe impl ::zng_runtime::ZngCppStackObject for {{ st.name }} {}
    unsafe impl ::zng_runtime::ZngCppDestruct for {{ st.name }} {
        unsafe fn destruct(&mut self) {
            unsafe { super::{{ stack.destructor }}(self as *mut Self as *mut ::core::primitive::u8) }
        }
    }

    impl ::core::ops::Drop for {{ st.name }} {
        fn drop(&mut self) {
            unsafe { ::zng_runtime::ZngCppDestruct::destruct(self) }
        }
    }
{%- when CppStructKind::Value %}

    #[repr(transparent)]
    #[allow(dead_code)]
    pub struct {{ st.name }}(super::ZngurCppOpaqueOwnedObject);
{%- when CppStructKind::Borrowed %}

    /// A borrowed C++ object: only references exist, whose address is the
    /// object's.
    pub struct {{ st.name }}(());
{%- endmatch %}
{%- endfor %}
}
{%- endif %}
{%- if !bridge.thunks.is_empty() %}

unsafe extern "C" {
{%- for thunk in bridge.thunks %}
    fn {{ thunk.symbol }}({{ thunk.rust_params() }});
{%- endfor %}
}
{%- endif %}
{%- for wrapper in bridge.dyn_wrappers %}

#[allow(dead_code, non_camel_case_types)]
{%- if wrapper.owned %}
struct {{ wrapper.name }}(ZngcCppObject);
{%- else %}
struct {{ wrapper.name }}(());
{%- endif %}
{%- endfor %}
{%- for imp in bridge.rust_impls %}

{{ marks.begin(imp.origin.span) }}{{ imp.header }} {
{%- for (name, ty) in imp.assoc_types %}
    type {{ name }} = {{ ty }};
{%- endfor %}
{%- for f in imp.methods %}
{{ marks.begin(f.origin.span) }}    #[allow(unused_unsafe)]
    {{ f.signature() }} { // {{ f.origin }}
    {{ f.body }}
    }{{ marks.end() }}
{%- endfor %}
}{{ marks.end() }}
{%- endfor %}
{%- for f in bridge.rust_fns %}

{{ marks.begin(f.origin.span) }}#[allow(unused_unsafe)]
{{ f.signature() }} { // {{ f.origin }}
    {{ f.body }}
}{{ marks.end() }}
{%- endfor %}
