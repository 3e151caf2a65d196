//! Rust types standing for C++ objects: `#cpp_value` (owns a heap object),
//! `#cpp_stack_owned` (stores the object inline) and `#cpp_ref` (borrows
//! one). C++ reaches the object with `cpp()`; Rust sees an opaque struct.

use super::ir::{
    CppObject, CppObjectKind, CppStruct, CppStructKind, CppThunk, StackObject, Storage,
};
use super::names::cpp_struct_name;
use super::Lowerer;
use crate::check::{LayoutPolicy, TypeSpec};

impl Lowerer<'_> {
    /// The C++ object a declared type stands for, if any; records what
    /// generated Rust needs for it.
    pub(super) fn cpp_object(&mut self, spec: &TypeSpec, storage: &Storage) -> Option<CppObject> {
        if let Some(value) = &spec.cpp_value {
            if !matches!(storage, Storage::Inline { .. }) {
                self.not_yet(
                    value.span,
                    "`#cpp_value` without `#layout` (declare `#layout(size = 16, align = 8)`)",
                );
                return None;
            }
            self.bridge.opaque_owned = true;
            self.bridge.cpp_structs.push(CppStruct {
                name: cpp_struct_name(&spec.ty),
                kind: CppStructKind::Value,
            });
            return Some(CppObject {
                cpp_type: value.cpp_type.node.clone(),
                kind: CppObjectKind::Value,
            });
        }
        match &spec.layout {
            LayoutPolicy::CppRef { cpp_type, .. } => {
                self.bridge.cpp_structs.push(CppStruct {
                    name: cpp_struct_name(&spec.ty),
                    kind: CppStructKind::Borrowed,
                });
                Some(CppObject {
                    cpp_type: cpp_type.node.clone(),
                    kind: CppObjectKind::Ref,
                })
            }
            LayoutPolicy::CppStackOwned {
                cpp_type,
                size,
                align,
                ..
            } => {
                let rust = super::names::rust_type(&spec.ty);
                let destructor = self
                    .naming
                    .symbol(&format!("{rust}::cpp_destructor"), "destructor");
                self.bridge.thunks.push(CppThunk {
                    symbol: destructor.clone(),
                    params: vec!["data".to_string()],
                    body: format!(
                        "{}<{}>(data)",
                        self.naming.internal("destroy"),
                        cpp_type.node
                    ),
                    what: format!("the destructor of {}", cpp_type.node),
                });
                self.bridge.cpp_structs.push(CppStruct {
                    name: cpp_struct_name(&spec.ty),
                    kind: CppStructKind::Stack(StackObject {
                        size: *size,
                        align: *align,
                        destructor,
                    }),
                });
                Some(CppObject {
                    cpp_type: cpp_type.node.clone(),
                    kind: CppObjectKind::StackOwned {
                        size: *size,
                        align: *align,
                    },
                })
            }
            _ => None,
        }
    }
}
