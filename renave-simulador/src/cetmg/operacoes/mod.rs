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

use renave_domain::rotas::{self, Rota};
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

/// The CET-MG routes the simulator answers: the one definition both the client and the
/// simulator use ([`rotas::cetmg::TODAS`], issue 12), `gerar-token` included. A path of this
/// table with another method, or a path not in it, gets the gateway's 404 (900906).
pub const ROTAS: &[Rota] = rotas::cetmg::TODAS;

/// Lookups the simulator also answers by `POST` (their filters in a JSON body), besides the
/// `GET` of their default route.
const CONSULTAS_TAMBEM_POR_POST: [Rota; 2] = [
    rotas::cetmg::CONSULTAR_SOLICITACAO_TRANSFERENCIA,
    rotas::cetmg::RECUPERAR_PROTOCOLO_RENAVE,
];

/// The route of `(method, path)` and its placeholder values, or `None` (the gateway's 404).
/// `caminho` is from the root, under [`rotas::cetmg::PREFIXO`] as D1 writes it.
fn rota_conhecida<'c>(metodo: &Method, caminho: &'c str) -> Option<(Rota, Parametros<'c>)> {
    ROTAS.iter().find_map(|rota| {
        let metodo_aceito = rota.metodo.como_texto() == metodo.as_str()
            || (*metodo == Method::POST && CONSULTAS_TAMBEM_POR_POST.contains(rota));
        let valores = rota.parametros(caminho)?;
        metodo_aceito.then_some((*rota, Parametros(valores)))
    })
}

/// The placeholder values of a request's route, by placeholder name.
struct Parametros<'c>(Vec<(&'static str, &'c str)>);

impl Parametros<'_> {
    /// The value of `{nome}` (empty when the route has no such placeholder: a route and its
    /// handler disagreeing is caught by the tests, as every route is called).
    fn get(&self, nome: &str) -> &str {
        self.0
            .iter()
            .find_map(|(n, v)| (*n == nome).then_some(*v))
            .unwrap_or_default()
    }
}

impl Estado {
    /// Answers one request after the fault knobs: routing, authentication, the operation.
    /// `true` with a successful state-changing POST (what a lost answer applies to).
    pub(super) fn despachar_pedido(&mut self, req: &Request) -> (RespostaHttp, bool) {
        // The regulation prints the prefix in both capitalisations; the route table has D1's.
        let Some(resto) = req.url.path().strip_prefix('/').and_then(|c| {
            c.strip_prefix(rotas::cetmg::PREFIXO)
                .or_else(|| c.strip_prefix(rotas::cetmg::PREFIXO_CAPITALIZADO))
        }) else {
            return (nao_ha_recurso(), false);
        };
        let caminho = format!("/{}{}", rotas::cetmg::PREFIXO, resto.trim_end_matches('/'));
        let metodo = req.method.clone();
        let eh_post = metodo == Method::POST;

        let Some((rota, parametros)) = rota_conhecida(&metodo, &caminho) else {
            return (nao_ha_recurso(), false);
        };
        if rota == rotas::cetmg::GERAR_TOKEN {
            return (self.gerar_token(req), false);
        }
        if let Err(r) = self.autenticar(req) {
            return (*r, false);
        }
        let resultado = self.operacao(rota, &parametros, &metodo, req);
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

    /// One operation, chosen by its route (the one definition, [`rotas::cetmg`]).
    fn operacao(
        &mut self,
        rota: Rota,
        p: &Parametros<'_>,
        metodo: &Method,
        req: &Request,
    ) -> Resultado {
        use rotas::cetmg as r;
        match rota {
            r::CONSULTAR_APTIDAO_VEICULO_ESTOQUE => self.consultar_aptidao(
                p.get("chassi"),
                p.get("cpf_cnpj_proprietario"),
                p.get("cpf_cnpj_estabelecimento"),
            ),
            r::CONSULTAR_SOLICITACAO_TRANSFERENCIA => {
                self.consultar_solicitacao(&consulta_ou_corpo(metodo, req)?)
            }
            r::REGISTRAR_SOLICITACAO_TRANSFERENCIA => self.registrar_solicitacao(&Corpo::de(req)?),
            r::REGISTRAR_COMUNICACAO_VENDA_ENTRADA_ESTOQUE => {
                self.comunicacao_venda(&Corpo::de(req)?, SentidoSolicitacao::Entrada)
            }
            r::REGISTRAR_COMUNICACAO_VENDA_SAIDA_ESTOQUE => {
                self.comunicacao_venda(&Corpo::de(req)?, SentidoSolicitacao::Saida)
            }
            r::EMITIR_GUIA_DAE => self.emitir_guia_dae(&Corpo::de(req)?),
            r::CONSULTAR_DISTRIBUICAO_ATIVA => {
                self.consultar_distribuicao(p.get("cpf_cnpj_comprador"), p.get("chassi"))
            }
            r::CONSULTAR_ULTIMO_LAUDO => {
                self.consultar_ultimo_laudo(p.get("cpf_cnpj_comprador"), p.get("chassi"))
            }
            r::RETORNAR_REGIOES_MUNICIPIO => {
                self.retornar_regioes(p.get("municipio_id"), p.get("tipo_ecv_id"))
            }
            r::DISTRIBUIR_VEICULO_ECV => self.distribuir(&Corpo::de(req)?),
            r::CONSULTAR_AGENDAMENTO => {
                self.consultar_agendamento(p.get("cpf_cnpj_comprador"), p.get("chassi"))
            }
            r::RETORNAR_DATAS_COM_VAGAS => {
                self.retornar_datas(p.get("cpf_cnpj_comprador"), p.get("chassi"))
            }
            r::RETORNAR_PERIODOS_ATENDIMENTO => self.retornar_periodos(
                p.get("data_agendada"),
                p.get("cpf_cnpj_comprador"),
                p.get("chassi"),
            ),
            r::GRAVAR_AGENDAMENTO => self.gravar_agendamento(&Corpo::de(req)?),
            r::CRIAR_PROCESSO_TRANSFERENCIA => self.criar_processo(&Corpo::de(req)?),
            r::RECUPERAR_PROTOCOLO_RENAVE => {
                self.recuperar_protocolo(&consulta_ou_corpo(metodo, req)?)
            }
            r::REGULARIZAR_PENDENCIA_RENAVE => self.regularizar_pendencia(&Corpo::de(req)?),
            r::LISTAR_VEICULOS_COMUNICACAO_VENDA => {
                self.listar_comunicacoes(p.get("cpf_cnpj_proprietario"))
            }
            r::UPLOAD_DOCUMENTO_FICHA_CADASTRO => self.upload_ficha(&Corpo::de(req)?),
            r::CONSULTAR_CARROCERIAS
            | r::CONSULTAR_CATEGORIAS
            | r::CONSULTAR_COMBUSTIVEIS
            | r::CONSULTAR_CORES
            | r::CONSULTAR_ESPECIES
            | r::CONSULTAR_MARCAS_MODELOS
            | r::CONSULTAR_MUNICIPIOS_MG
            | r::CONSULTAR_TIPOS_VEICULO => {
                // The table's name is the route's last segment.
                tabela_auxiliar(rota.modelo.rsplit('/').next().unwrap_or_default())
            }
            _ => Err(Falha::nao_encontrado("recurso não encontrado")),
        }
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
