//! The answers to requests about a document: each finds the document and
//! the position, asks the module that knows (navigate, complete,
//! rename, symbols, actions), and turns the byte spans it gets back into
//! the protocol's ranges. Also what the server tells `initialize` it can do.

use std::collections::HashMap;

use lsp_server::ErrorCode;
use lsp_types::*;

use super::{Failure, Server, check};
use crate::lsp::documents::Document;
use crate::lsp::{actions, complete, diagnostics, navigate, rename, symbols};
use crate::source::Span;

impl Server {
    fn locations(doc: &Document, uri: &Uri, spans: Vec<Span>) -> Vec<Location> {
        spans
            .into_iter()
            .map(|span| Location::new(uri.clone(), doc.range(span)))
            .collect()
    }

    pub(super) fn completion(
        &mut self,
        p: CompletionParams,
    ) -> Result<Option<CompletionResponse>, Failure> {
        let (doc, offset) = self.at(&p.text_document_position)?;
        Ok(Some(CompletionResponse::Array(complete::complete(
            doc, offset,
        ))))
    }

    pub(super) fn definition(
        &mut self,
        p: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>, Failure> {
        let uri = &p.text_document_position_params.text_document.uri;
        let (doc, offset) = self.at(&p.text_document_position_params)?;
        let found = Self::locations(doc, uri, navigate::definition(doc, offset));
        Ok((!found.is_empty()).then_some(GotoDefinitionResponse::Array(found)))
    }

    pub(super) fn references(
        &mut self,
        p: ReferenceParams,
    ) -> Result<Option<Vec<Location>>, Failure> {
        let uri = &p.text_document_position.text_document.uri;
        let (doc, offset) = self.at(&p.text_document_position)?;
        let spans = navigate::references(doc, offset, p.context.include_declaration);
        Ok(Some(Self::locations(doc, uri, spans)))
    }

    pub(super) fn hover(&mut self, p: HoverParams) -> Result<Option<Hover>, Failure> {
        let uri = &p.text_document_position_params.text_document.uri;
        let (doc, offset) = self.at(&p.text_document_position_params)?;
        let found = doc.diagnostics(|text| check(&self.compiler, uri, text));
        Ok(diagnostics::hover(
            doc,
            found,
            offset,
            navigate::hover(doc, offset),
        ))
    }

    pub(super) fn prepare_rename(
        &mut self,
        p: TextDocumentPositionParams,
    ) -> Result<Option<PrepareRenameResponse>, Failure> {
        let (doc, offset) = self.at(&p)?;
        let o = rename::prepare(doc, offset).map_err(|e| Failure(ErrorCode::RequestFailed, e))?;
        Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
            range: doc.range(o.span),
            placeholder: o.id,
        }))
    }

    pub(super) fn rename(&mut self, p: RenameParams) -> Result<Option<WorkspaceEdit>, Failure> {
        let uri = p.text_document_position.text_document.uri.clone();
        let (doc, offset) = self.at(&p.text_document_position)?;
        let edits = rename::rename(doc, offset, &p.new_name)
            .map_err(|e| Failure(ErrorCode::RequestFailed, e))?;
        Ok(Some(workspace_edit(doc, uri, edits)))
    }

    pub(super) fn symbols(
        &mut self,
        p: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>, Failure> {
        let doc = self.document(&p.text_document.uri)?;
        Ok(Some(DocumentSymbolResponse::Nested(symbols::outline(doc))))
    }

    pub(super) fn code_actions(
        &mut self,
        p: CodeActionParams,
    ) -> Result<Option<CodeActionResponse>, Failure> {
        let uri = p.text_document.uri;
        let doc = self.document(&uri)?;
        let range = doc.lines().span(doc.text(), p.range);
        let found = doc.diagnostics(|text| check(&self.compiler, &uri, text));
        let named: Vec<(Option<String>, Span)> = (p.context.diagnostics.iter())
            .map(|d| {
                let code = match &d.code {
                    Some(NumberOrString::String(code)) => Some(code.clone()),
                    _ => None,
                };
                (code, doc.lines().span(doc.text(), d.range))
            })
            .collect();
        let actions = actions::quick_fixes(doc, found, range, &named)
            .into_iter()
            .map(|fix| {
                CodeActionOrCommand::CodeAction(CodeAction {
                    title: fix.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostics::to_lsp(
                        doc,
                        &uri,
                        fix.diagnostic,
                        self.docs_url.as_deref(),
                    )]),
                    edit: Some(workspace_edit(
                        doc,
                        uri.clone(),
                        vec![(fix.span, fix.replacement)],
                    )),
                    is_preferred: Some(true),
                    ..CodeAction::default()
                })
            })
            .collect();
        Ok(Some(actions))
    }
}

fn workspace_edit(doc: &Document, uri: Uri, edits: Vec<(Span, String)>) -> WorkspaceEdit {
    let edits = edits
        .into_iter()
        .map(|(span, new_text)| TextEdit::new(doc.range(span), new_text))
        .collect();
    WorkspaceEdit::new(HashMap::from([(uri, edits)]))
}

/// What the server can do.
pub(super) fn initialize_result() -> InitializeResult {
    InitializeResult {
        capabilities: ServerCapabilities {
            position_encoding: Some(PositionEncodingKind::UTF16),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec![" ".into(), "[".into(), ",".into()]),
                ..CompletionOptions::default()
            }),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            rename_provider: Some(OneOf::Right(RenameOptions {
                prepare_provider: Some(true),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            })),
            document_symbol_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
                ..CodeActionOptions::default()
            })),
            ..ServerCapabilities::default()
        },
        server_info: Some(ServerInfo {
            name: "actionplan".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    }
}
