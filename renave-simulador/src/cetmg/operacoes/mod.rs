//! The CET-MG operations, one module per group of the Regulamento Técnico (as the Renave-WS
//! simulator's `renave_ws/operacoes/`): each module is an `impl Estado` block over the shared
//! [`Estado`]. This module routes a request (gateway prefix, known route, token) to its handler
//! and wraps the answer in the `codigo_retorno` envelope.
//!
//! | module | operations |
//! |---|---|
//! | [`token`] | `gerar-token` and the bearer check (R §5.1, D4) |
//! | [`solicitacao`] | aptidão, solicitação de transferência (R §5.2, §5.3, §5.6) |
//! | [`comunicacao_venda`] | comunicação de venda de entrada / saída (R §5.4, §5.5) |
//! | [`dae`] | guia DAE (R §5.7, §6.1.5) |
//! | [`vistoria`] | regiões, distribuição to an ECV, último laudo (R §5.8–§5.11) |
//! | [`agenda_minas`] | dates, periods, booking (R §5.12–§5.15) |
//! | [`protocolo_digital`] | processo, protocolo, pendência, comunicações, ficha de cadastro (R §7) |
//! | [`tabelas`] | tabelas auxiliares (R §5.20–§5.27) |

use serde_json::{Value, json};
use wiremock::Request;
use wiremock::http::Method;

use renave_domain::{Chassi, CpfCnpj, Placa, Renavam, SentidoSolicitacao};

use super::estado::{Distribuicao, Estado, Solicitacao};
use super::http::{
    Corpo, Falha, Resultado, consulta_ou_corpo, corpo_wso2, nao_ha_recurso, resposta_falha_injetada,
};
use crate::falhas::{Falhas, ServicoSimulado};
use crate::servidor::RespostaHttp;

mod agenda_minas;
mod comunicacao_venda;
mod dae;
mod protocolo_digital;
mod solicitacao;
mod tabelas;
mod token;
mod vistoria;

use tabelas::tabela_auxiliar;

pub use dae::VALOR_TAXA_VISTORIA_MOVEL_CENTAVOS;

impl Estado {
    /// Answers one request after the fault knobs: routing, authentication, the operation.
    /// `true` with a successful state-changing POST (what a lost answer applies to).
    pub(super) fn despachar_pedido(&mut self, req: &Request) -> (RespostaHttp, bool) {
        let caminho = req.url.path().to_owned();
        let Some(resto) = caminho
            .strip_prefix("/api/veiculos/renave/")
            .or_else(|| caminho.strip_prefix("/api/veiculos/Renave/"))
        else {
            return (nao_ha_recurso(), false);
        };
        let segmentos: Vec<&str> = resto.trim_end_matches('/').split('/').collect();
        let metodo = req.method.clone();
        let eh_post = metodo == Method::POST;

        if eh_post && segmentos.as_slice() == ["gerar-token"] {
            return (self.gerar_token(req), false);
        }
        if !rota_conhecida(&metodo, &segmentos) {
            return (nao_ha_recurso(), false);
        }
        if let Err(r) = self.autenticar(req) {
            return (*r, false);
        }
        let resultado = self.operacao(&metodo, &segmentos, req);
        let (status, mut corpo, mudou) = match resultado {
            Ok(mut corpo) => {
                corpo.insert("codigo_retorno".into(), json!("000"));
                corpo
                    .entry("mensagem_retorno")
                    .or_insert_with(|| json!("Operação realizada com sucesso"));
                (200, Value::Object(corpo), eh_post)
            }
            Err(f) => (
                f.status,
                json!({
                    "codigo_retorno": f.codigo,
                    "mensagem_retorno": f.mensagem,
                }),
                false,
            ),
        };
        if self.dialeto == crate::Dialeto::Divergente {
            crate::dialeto::cetmg(&mut corpo);
        }
        (RespostaHttp::json(status, &corpo), mudou)
    }

    fn operacao(&mut self, metodo: &Method, seg: &[&str], req: &Request) -> Resultado {
        let get = *metodo == Method::GET;
        match seg {
            ["consultar-aptidao-veiculo-estoque", c, p, e] if get => {
                self.consultar_aptidao(c, p, e)
            }
            ["consultar-solicitacao-servico-transferencia-propriedade-veiculo"] => {
                self.consultar_solicitacao(&consulta_ou_corpo(metodo, req)?)
            }
            ["registrar-solicitacao-servico-transferencia-propriedade-veiculo"] => {
                self.registrar_solicitacao(&Corpo::de(req)?)
            }
            ["registrar-comunicacao-venda-entrada-estoque"] => {
                self.comunicacao_venda(&Corpo::de(req)?, SentidoSolicitacao::Entrada)
            }
            ["registrar-comunicacao-venda-saida-estoque"] => {
                self.comunicacao_venda(&Corpo::de(req)?, SentidoSolicitacao::Saida)
            }
            ["portal-transito", "emitir-guia-dae"] => self.emitir_guia_dae(&Corpo::de(req)?),
            [
                "vistoria",
                "consultar-distribuicao-ativa",
                comprador,
                chassi,
            ] => self.consultar_distribuicao(comprador, chassi),
            ["vistoria", "consultar-ultimo-laudo", comprador, chassi] => {
                self.consultar_ultimo_laudo(comprador, chassi)
            }
            ["vistoria", "retornar-regioes-municipio", municipio, tipo] => {
                self.retornar_regioes(municipio, tipo)
            }
            ["vistoria", "distribuir"] => self.distribuir(&Corpo::de(req)?),
            ["agenda-minas", "consultar-agendamento", comprador, chassi] => {
                self.consultar_agendamento(comprador, chassi)
            }
            [
                "agenda-minas",
                "retornar-datas-com-vagas-para-agendamento",
                comprador,
                chassi,
            ] => self.retornar_datas(comprador, chassi),
            [
                "agenda-minas",
                "retornar-periodos-atendimento",
                data,
                comprador,
                chassi,
            ] => self.retornar_periodos(data, comprador, chassi),
            ["agenda-minas", "gravar-agendamento"] => self.gravar_agendamento(&Corpo::de(req)?),
            ["protocolo-digital", "criar-processo-transferencia"] => {
                self.criar_processo(&Corpo::de(req)?)
            }
            ["protocolo-digital", "recuperar-protocolo-renave"] => {
                self.recuperar_protocolo(&consulta_ou_corpo(metodo, req)?)
            }
            ["protocolo-digital", "regularizar-pendencia-renave"] => {
                self.regularizar_pendencia(&Corpo::de(req)?)
            }
            [
                "protocolo-digital",
                "listar-veiculos-comunicacao-venda",
                proprietario,
            ] => self.listar_comunicacoes(proprietario),
            [
                "protocolo-digital",
                "upload-documento-ficha-cadastro-renave",
            ] => self.upload_ficha(&Corpo::de(req)?),
            ["tabelas-auxiliares", nome] => tabela_auxiliar(nome),
            _ => Err(Falha::nao_encontrado("recurso não encontrado")),
        }
    }
}

/// Whether `(method, path)` is one of the CET-MG operations (else the gateway's 404 900906).
fn rota_conhecida(metodo: &Method, seg: &[&str]) -> bool {
    let get = *metodo == Method::GET;
    let post = *metodo == Method::POST;
    match seg {
        ["consultar-aptidao-veiculo-estoque", _, _, _]
        | [
            "vistoria",
            "consultar-distribuicao-ativa"
            | "consultar-ultimo-laudo"
            | "retornar-regioes-municipio",
            _,
            _,
        ]
        | [
            "agenda-minas",
            "consultar-agendamento" | "retornar-datas-com-vagas-para-agendamento",
            _,
            _,
        ]
        | ["agenda-minas", "retornar-periodos-atendimento", _, _, _]
        | ["protocolo-digital", "listar-veiculos-comunicacao-venda", _]
        | ["tabelas-auxiliares", _] => get,
        ["consultar-solicitacao-servico-transferencia-propriedade-veiculo"]
        | ["protocolo-digital", "recuperar-protocolo-renave"] => get || post,
        [
            "registrar-solicitacao-servico-transferencia-propriedade-veiculo"
            | "registrar-comunicacao-venda-entrada-estoque"
            | "registrar-comunicacao-venda-saida-estoque",
        ]
        | ["portal-transito", "emitir-guia-dae"]
        | ["vistoria", "distribuir"]
        | ["agenda-minas", "gravar-agendamento"]
        | [
            "protocolo-digital",
            "criar-processo-transferencia"
            | "regularizar-pendencia-renave"
            | "upload-documento-ficha-cadastro-renave",
        ] => post,
        _ => false,
    }
}

impl Estado {
    fn veiculo(&self, chassi: &Chassi) -> Result<usize, Falha> {
        self.veiculos
            .iter()
            .position(|v| v.chassi == *chassi)
            .ok_or_else(|| {
                Falha::nao_encontrado("veículo não localizado para a combinação enviada")
            })
    }

    fn conferir_placa_renavam(
        &self,
        i: usize,
        placa: Placa,
        renavam: &Renavam,
    ) -> Result<(), Falha> {
        let v = self
            .veiculos
            .get(i)
            .ok_or_else(|| Falha::nao_encontrado("veículo não localizado"))?;
        if v.placa.as_str() != placa.as_str() {
            return Err(Falha::conflito("placa não confere com o chassi informado"));
        }
        if v.renavam != *renavam {
            return Err(Falha::conflito(
                "RENAVAM não confere com o chassi informado",
            ));
        }
        Ok(())
    }

    fn solicitacao_aberta(&self, chassi: &Chassi) -> Option<&Solicitacao> {
        self.solicitacoes
            .iter()
            .find(|s| s.chassi == *chassi && !s.concluida)
    }

    fn dae_pago(&self, solicitacao: u64) -> bool {
        self.daes
            .iter()
            .any(|d| d.solicitacao == solicitacao && d.pago)
    }

    fn distribuicao_ativa(
        &self,
        comprador: &CpfCnpj,
        chassi: &Chassi,
    ) -> Result<(Solicitacao, Distribuicao), Falha> {
        let s = self
            .solicitacoes
            .iter()
            .find(|s| s.chassi == *chassi && s.comprador == *comprador && !s.concluida)
            .ok_or_else(|| {
                Falha::negocio(
                    "301",
                    "não há distribuição ativa para o veículo e comprador informados",
                )
            })?;
        let d = self
            .distribuicoes
            .iter()
            .find(|d| d.solicitacao == s.id)
            .ok_or_else(|| {
                Falha::negocio(
                    "301",
                    "não há distribuição ativa para o veículo e comprador informados",
                )
            })?;
        Ok((s.clone(), d.clone()))
    }
}

impl ServicoSimulado for Estado {
    type Resposta = RespostaHttp;

    fn falhas(&mut self) -> &mut Falhas {
        &mut self.falhas
    }

    fn despachar(&mut self, req: &Request) -> (RespostaHttp, bool) {
        self.despachar_pedido(req)
    }

    fn resposta_de_falha(&mut self, status: u16, _req: &Request) -> RespostaHttp {
        resposta_falha_injetada(status)
    }

    /// A lost answer with 504 is the WSO2 "Send timeout" (`101504`); the state changed, but
    /// the client never sees the answer.
    fn resposta_perdida(&mut self, status: u16, _req: &Request) -> RespostaHttp {
        if status == 504 {
            RespostaHttp::json(504, &corpo_wso2("101504", "Runtime Error", "Send timeout"))
        } else {
            resposta_falha_injetada(status)
        }
    }

    fn para_http(resposta: RespostaHttp) -> RespostaHttp {
        resposta
    }
}
