//! Protocolo Digital (R §7): processo de transferência with its pendência of §7.3 documents,
//! protocolo lookup, regularização, vehicles with comunicação de venda, ficha de cadastro
//! (refused with a laudo over 120 days old).

use base64::Engine as _;
use renave_domain::{
    Atividade, Categoria, Chassi, CondicoesDocumentos, CpfCnpj, Data, DocumentoId, Placa, Renavam,
    TipoDocumentoAdquirente, TipoVeiculo, verificar_documentos, verificar_validade_laudo,
};
use serde_json::{Value, json};

use super::tabelas::conferir_codigo_opcional;
use crate::cetmg::estado::{Estado, Pendencia, Processo};
use crate::cetmg::http::{Corpo, Falha, Resultado, objeto, parametro};

impl Estado {
    pub(super) fn criar_processo(&mut self, c: &Corpo) -> Resultado {
        let chassi: Chassi = c.tipado("chassi")?;
        let placa: Placa = c.tipado("placa")?;
        let renavam: Renavam = c.tipado("renavam")?;
        let solicitante: CpfCnpj = c.tipado("cpf_cnpj_solicitante")?;
        let adquirente: CpfCnpj = c.tipado("cpf_cnpj_adquirente")?;
        c.texto("nome_adquirente")?;
        conferir_codigo_opcional(c, "categoria", "consultar-categorias")?;
        conferir_codigo_opcional(c, "tipo_veiculo", "consultar-tipos")?;
        let i = self.veiculo(&chassi)?;
        self.conferir_placa_renavam(i, placa, &renavam)?;
        let tipo_doc = match c.bruto("tipo_documento_adquirente") {
            Some(t) => {
                let t = TipoDocumentoAdquirente::from(t.as_str());
                if !t.is_conhecido() {
                    return Err(Falha::entrada(
                        "campo `tipo_documento_adquirente` deve ser 1 (CPF) ou 2 (CNPJ)",
                    ));
                }
                if t != TipoDocumentoAdquirente::de_documento(&adquirente) {
                    return Err(Falha::conflito(
                        "tipo_documento_adquirente não confere com o documento do adquirente",
                    ));
                }
                t
            }
            None => TipoDocumentoAdquirente::de_documento(&adquirente),
        };
        let condicoes = CondicoesDocumentos {
            alterar_nome: c.flag("alterar_nome")?,
            atividade: c.bruto("atividade").map(|a| Atividade::from(a.as_str())),
            categoria: c.bruto("categoria").map(|a| Categoria::from(a.as_str())),
            tipo_veiculo: c
                .bruto("tipo_veiculo")
                .map(|a| TipoVeiculo::from(a.as_str())),
            tipo_documento_adquirente: Some(tipo_doc),
            determinacao_judicial: c.flag("determinacao_judicial")?,
            inserir_comodato: c.flag("inserir_comodato")?,
        };
        if c.0.contains_key("documentos_anexados") {
            checar_documentos(&condicoes, &c.ids("documentos_anexados"))?;
        }
        let exigidos: Vec<DocumentoId> = renave_domain::documentos_exigidos(&condicoes)
            .into_iter()
            .map(|d| d.documento)
            .collect();
        let n = self.proximo();
        let numero = format!("{}{:07}", Data::hoje_brasilia().ano(), n);
        let pendencia = Pendencia {
            numero: 900_000 + n,
            exigidos: exigidos.clone(),
            regularizada: false,
        };
        let pendencias = vec![json_pendencia(&pendencia)];
        self.processos.push(Processo {
            numero: numero.clone(),
            chassi,
            solicitante,
            adquirente,
            condicoes,
            pendencias: vec![pendencia],
            ficha_recebida: false,
        });
        Ok(objeto(json!({
            "mensagem": "Processo de transferência criado com sucesso",
            "mensagem_retorno": "Processo de transferência criado com sucesso",
            "numero_protocolo": numero,
            "pendencias": pendencias,
        })))
    }

    fn processo(&self, numero: &str) -> Result<usize, Falha> {
        self.processos
            .iter()
            .position(|p| p.numero == numero)
            .ok_or_else(|| Falha::nao_encontrado("protocolo não encontrado"))
    }

    pub(super) fn recuperar_protocolo(&self, c: &Corpo) -> Resultado {
        let chassi: Chassi = c.tipado("chassi")?;
        let solicitante: CpfCnpj = c.tipado("cpf_cnpj_solicitante")?;
        let adquirente: CpfCnpj = c.tipado("cpf_cnpj_adquirente")?;
        let p = self
            .processos
            .iter()
            .rev()
            .find(|p| {
                p.chassi == chassi && p.solicitante == solicitante && p.adquirente == adquirente
            })
            .ok_or_else(|| {
                Falha::nao_encontrado("protocolo não encontrado para a combinação enviada")
            })?;
        let v = self.veiculos.iter().find(|v| v.chassi == chassi);
        let aberta = p.pendencias.iter().any(|x| !x.regularizada);
        Ok(objeto(json!({
            "numero_protocolo": p.numero,
            "cpf_cnpj_iniciador": p.solicitante.as_str(),
            "placa": v.map(|v| v.placa.as_str().to_owned()),
            "chassi": p.chassi.as_str(),
            "cpf_cnpj_comprador": p.adquirente.as_str(),
            "tipo_tarefa": if aberta { "REGULARIZAR PENDÊNCIA" } else { "EM ANÁLISE" },
            "pendencias": p.pendencias.iter().map(json_pendencia).collect::<Vec<_>>(),
        })))
    }

    pub(super) fn regularizar_pendencia(&mut self, c: &Corpo) -> Resultado {
        let numero_pendencia = c.texto("numero_pendencia")?;
        let numero_protocolo = c.texto("numero_protocolo")?;
        let _: CpfCnpj = c.tipado("cpf_cnpj_remetente")?;
        let anexados = documentos_com_arquivo(c)?;
        let ip = self.processo(&numero_protocolo)?;
        let processo = self
            .processos
            .get(ip)
            .ok_or_else(|| Falha::nao_encontrado("protocolo não encontrado"))?;
        let Some(pendencia) = processo
            .pendencias
            .iter()
            .find(|p| p.numero.to_string() == numero_pendencia)
        else {
            return Err(Falha::nao_encontrado(
                "pendência não encontrada no protocolo",
            ));
        };
        if pendencia.regularizada {
            return Err(Falha::negocio("602", "pendência já regularizada"));
        }
        checar_documentos(&processo.condicoes, &anexados)?;
        if let Some(p) = self.processos.get_mut(ip).and_then(|p| {
            p.pendencias
                .iter_mut()
                .find(|p| p.numero.to_string() == numero_pendencia)
        }) {
            p.regularizada = true;
        }
        Ok(objeto(json!({
            "mensagem": "Pendência regularizada com sucesso",
            "mensagem_retorno": "Pendência regularizada com sucesso",
        })))
    }

    pub(super) fn listar_comunicacoes(&self, proprietario: &str) -> Resultado {
        let proprietario: CpfCnpj = parametro("cpf_cnpj_proprietario", proprietario)?;
        let itens: Vec<Value> = self
            .comunicacoes
            .iter()
            .filter(|c| c.vendedor == proprietario)
            .map(|c| {
                let v = self.veiculos.iter().find(|v| v.chassi == c.chassi);
                json!({
                    "placa": v.map(|v| v.placa.as_str().to_owned()),
                    "chassi": c.chassi.as_str(),
                    "renavam": v.map(|v| v.renavam.as_str().to_owned()),
                    "data_comunicacao_venda": c.data.to_string(),
                    "status_comunicacao": "REGISTRADA",
                })
            })
            .collect();
        Ok(objeto(json!({"dados": itens})))
    }

    pub(super) fn upload_ficha(&mut self, c: &Corpo) -> Resultado {
        let numero = c.texto("numero_protocolo")?;
        c.texto("tipo_documento")?;
        c.bruto("nome")
            .or_else(|| c.bruto("nome_arquivo"))
            .ok_or_else(|| Falha::entrada("campo obrigatório `nome` ausente"))?;
        let _: Option<CpfCnpj> = c.tipado_opcional("cpf_cnpj_remetente")?;
        exigir_pdf(&c.texto("arquivo")?)?;
        let ip = self.processo(&numero)?;
        let chassi = self
            .processos
            .get(ip)
            .map(|p| p.chassi)
            .ok_or_else(|| Falha::nao_encontrado("protocolo não encontrado"))?;
        let v = self
            .veiculos
            .get(self.veiculo(&chassi)?)
            .ok_or_else(|| Falha::nao_encontrado("veículo não localizado"))?;
        let Some(emissao) = v.emissao_ultimo_laudo else {
            return Err(Falha::negocio(
                "501",
                "não há laudo de vistoria para o veículo: realize a vistoria",
            ));
        };
        let situacao = verificar_validade_laudo(emissao, Data::hoje_brasilia())
            .map_err(|e| Falha::negocio("502", format!("data do laudo inconsistente: {e}")))?;
        if !situacao.is_dentro_do_prazo() {
            return Err(Falha::negocio(
                "502",
                format!(
                    "laudo de vistoria emitido em {emissao} tem mais de 120 dias (Portaria 1.542/2025 Art. 21 §1): realize nova vistoria"
                ),
            ));
        }
        if let Some(p) = self.processos.get_mut(ip) {
            p.ficha_recebida = true;
        }
        Ok(objeto(json!({
            "mensagem": "Ficha de cadastro recebida com sucesso",
            "mensagem_retorno": "Ficha de cadastro recebida com sucesso",
            "numero_protocolo": numero,
        })))
    }
}

/// The R §7.3 check over attached document ids: business code `601` naming every missing one.
fn checar_documentos(condicoes: &CondicoesDocumentos, anexados: &[String]) -> Result<(), Falha> {
    let ids: Vec<DocumentoId> = anexados
        .iter()
        .map(|a| DocumentoId::from(a.as_str()))
        .collect();
    verificar_documentos(condicoes, &ids).map_err(|faltam| {
        let lista: Vec<String> = faltam.faltantes().iter().map(ToString::to_string).collect();
        Falha::negocio(
            "601",
            format!(
                "documento obrigatório não fornecido (R §7.3): {}",
                lista.join("; ")
            ),
        )
    })
}

/// The documents of a regularização: the list `documentos_anexados` of `{tipo_documento, nome,
/// arquivo}` the SDK sends, and/or the single document of the R §5.18 field list
/// (`codigo_tipo_documento`, `nome_arquivo`, `arquivo`). Every file must be a base64 PDF.
fn documentos_com_arquivo(c: &Corpo) -> Result<Vec<String>, Falha> {
    let mut tipos = Vec::new();
    match c.0.get("documentos_anexados") {
        None | Some(Value::Null) => {}
        Some(Value::Array(itens)) => {
            for (i, item) in itens.iter().enumerate() {
                let Value::Object(o) = item else {
                    return Err(Falha::entrada(format!(
                        "`documentos_anexados[{i}]` deve ser um objeto"
                    )));
                };
                let doc = Corpo(o.clone());
                let tipo = doc
                    .bruto("tipo_documento")
                    .or_else(|| doc.bruto("codigo_tipo_documento"))
                    .ok_or_else(|| {
                        Falha::entrada(format!("`documentos_anexados[{i}].tipo_documento` ausente"))
                    })?;
                doc.bruto("nome")
                    .or_else(|| doc.bruto("nome_arquivo"))
                    .ok_or_else(|| {
                        Falha::entrada(format!("`documentos_anexados[{i}].nome` ausente"))
                    })?;
                exigir_pdf(&doc.texto("arquivo")?)?;
                tipos.push(tipo);
            }
        }
        Some(_) => return Err(Falha::entrada("`documentos_anexados` deve ser uma lista")),
    }
    if let Some(tipo) = c.bruto("codigo_tipo_documento") {
        c.bruto("nome_arquivo")
            .or_else(|| c.bruto("nome"))
            .ok_or_else(|| Falha::entrada("campo obrigatório `nome_arquivo` ausente"))?;
        exigir_pdf(&c.texto("arquivo")?)?;
        tipos.push(tipo);
    }
    if tipos.is_empty() {
        return Err(Falha::entrada(
            "nenhum documento anexado (`documentos_anexados`)",
        ));
    }
    Ok(tipos)
}

fn json_pendencia(p: &Pendencia) -> Value {
    json!({
        "numero_pendencia": p.numero,
        "descricao": "Documentação complementar (Regulamento Técnico CET-MG §7.3)",
        "documentos_exigidos": p.exigidos.iter().map(|d| json!({
            "codigo_tipo_documento": d.as_str(),
            "descricao": d.descricao(),
        })).collect::<Vec<_>>(),
        "situacao": if p.regularizada { "REGULARIZADA" } else { "ABERTA" },
    })
}

/// Checks that a base64 file is a PDF (its bytes start `%PDF-`), R §7.3, §7.5.
fn exigir_pdf(arquivo: &str) -> Result<(), Falha> {
    let limpo: String = arquivo
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(limpo.as_bytes())
        .map_err(|_| Falha::entrada("campo `arquivo` não está em base64"))?;
    if bytes.starts_with(b"%PDF-") {
        Ok(())
    } else {
        Err(Falha::entrada(
            "campo `arquivo` deve ser um PDF (somente PDF é aceito)",
        ))
    }
}
