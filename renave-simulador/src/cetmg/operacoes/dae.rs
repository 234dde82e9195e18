//! The guia DAE of the taxa de vistoria móvel (R §5.7, §6.1.5): linha digitável, Pix copia e
//! cola, PDF.

use base64::Engine as _;
use renave_domain::{Cnpj, CpfCnpj, Data, Uf};
use serde_json::{Value, json};

use crate::cetmg::dados;
use crate::cetmg::estado::{Dae, Estado, Solicitacao};
use crate::cetmg::http::{Corpo, Falha, Resultado, objeto};
use crate::cetmg::pagamento;

/// Value of the simulated taxa de vistoria móvel (DAE taxa code 64, R §6.1.5), in centavos
/// (fictitious: R$ 195,39).
pub const VALOR_TAXA_VISTORIA_MOVEL_CENTAVOS: u64 = 19_539;

/// A minimal PDF standing for the DAE document.
fn pdf_dae(numero: u64) -> String {
    let pdf = format!(
        "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% DAE simulado {numero}\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    );
    base64::engine::general_purpose::STANDARD.encode(pdf.as_bytes())
}

fn valor_json(centavos: u64) -> Value {
    serde_json::from_str(&format!("{}.{:02}", centavos / 100, centavos % 100))
        .unwrap_or(Value::Null)
}

impl Estado {
    pub(super) fn emitir_guia_dae(&mut self, c: &Corpo) -> Resultado {
        let estabelecimento: Cnpj = c.tipado("cnpj_estabelecimento")?;
        let taxa = c.texto("codigo_taxa")?;
        let comprador: CpfCnpj = c.tipado("cpf_cnpj_comprador")?;
        let _: Uf = c.tipado("uf_origem_comprador")?;
        let municipio: renave_domain::CodigoMunicipio =
            c.tipado("codigo_municipio_emplacamento")?;
        if taxa != "64" {
            return Err(Falha::negocio(
                "202",
                "código de taxa não disponível para emissão (apenas 64, vistoria móvel)",
            ));
        }
        let Some((_, ibge, nome_municipio)) = dados::MUNICIPIOS
            .iter()
            .find(|(m, _, _)| *m == municipio.as_str())
        else {
            return Err(Falha::negocio(
                "203",
                "município de emplacamento não encontrado em Minas Gerais",
            ));
        };
        let candidatas: Vec<Solicitacao> = self
            .solicitacoes
            .iter()
            .filter(|s| {
                !s.concluida && s.estabelecimento == estabelecimento && s.comprador == comprador
            })
            .filter(|s| !self.dae_pago(s.id))
            .cloned()
            .collect();
        if candidatas.is_empty() {
            return Err(Falha::negocio(
                "201",
                "não há solicitação de transferência pendente de pagamento para o estabelecimento e comprador",
            ));
        }
        let hoje = Data::hoje_brasilia();
        let mut guias = Vec::new();
        for s in &candidatas {
            let existente = self
                .daes
                .iter()
                .find(|d| d.solicitacao == s.id && !d.pago)
                .cloned();
            let dae = if let Some(d) = existente {
                d
            } else {
                {
                    let numero =
                        u64::try_from(hoje.ano()).unwrap_or(2026) * 100_000_000 + self.proximo();
                    let centavos = VALOR_TAXA_VISTORIA_MOVEL_CENTAVOS;
                    let linha = pagamento::linha_digitavel(centavos, numero)
                        .map_err(|e| Falha::interna(&e))?;
                    let pix = pagamento::pix_copia_e_cola(centavos, &format!("DAE{numero}"))
                        .map_err(|e| Falha::interna(&e))?;
                    let dae = Dae {
                        numero,
                        solicitacao: s.id,
                        linha,
                        pix,
                        centavos,
                        emissao: hoje,
                        vencimento: dados::dias_depois(hoje, 10),
                        municipio: municipio.as_str().to_owned(),
                        pago: false,
                    };
                    self.daes.push(dae.clone());
                    dae
                }
            };
            let v = self.veiculos.iter().find(|v| v.chassi == s.chassi);
            guias.push(json!({
                "codigo_tipo_contribuinte": if s.comprador.cnpj().is_some() { 2 } else { 1 },
                "linha_digitavel": dae.linha,
                "codigo_ibge_municipio": ibge,
                "nome_municipio": nome_municipio,
                "codigo_municipio": dae.municipio,
                "mes_ano_referencia": format!("{:02}/{}", dae.emissao.mes(), dae.emissao.ano()),
                "data_emissao": dae.emissao.to_string(),
                "numero_identificacao_boleto": dae.numero.to_string(),
                "valor_taxa": valor_json(dae.centavos),
                "data_vencimento": dae.vencimento.to_string(),
                "pix_copia_e_cola": dae.pix,
                "arquivo_dae": pdf_dae(dae.numero),
                "placa": v.map(|v| v.placa.as_str().to_owned()),
                "chassi": s.chassi.as_str(),
                "renavam": v.map(|v| v.renavam.as_str().to_owned()),
                "cpf_cnpj_contribuinte": s.comprador.as_str(),
                "nome_contribuinte": s.nome_comprador,
                "endereco_contribuinte": s.endereco_comprador,
                "codigo_taxa": 64,
                "mensagem1": "TAXA DE VISTORIA MÓVEL - RENAVE USADOS",
                "mensagem2": "DOCUMENTO EMITIDO PELO SIMULADOR CET-MG - SEM VALOR FISCAL",
            }));
        }
        if guias.len() == 1 {
            let mut unica = objeto(guias.pop().unwrap_or(Value::Null));
            unica.insert("mensagem_retorno".into(), json!("DAE emitido com sucesso"));
            Ok(unica)
        } else {
            Ok(objeto(json!({
                "mensagem_retorno": format!(
                    "O estabelecimento possui {} solicitações pendentes: escolha o veículo",
                    guias.len()
                ),
                "guias": guias,
            })))
        }
    }
}
