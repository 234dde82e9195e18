//! The [`ApiCetMg`] trait can be implemented outside this crate, so an integradora's service
//! depends on `dyn ApiCetMg` and substitutes a fake in its own tests (issue 4, "a trait with
//! every operation"): every answer type is constructible by a caller (`Default`, public
//! fields, `TokenAcesso::new`).
#![allow(clippy::unwrap_used)]

mod comum;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use comum::*;
use renave_mg_client::operacoes::agenda::{
    Agendamento, ConsultaPeriodosAtendimento, DataComVaga, PeriodoAtendimento, RespostaAgendamento,
};
use renave_mg_client::operacoes::dae::{EmissaoGuiaDae, RespostaEmitirGuiaDae};
use renave_mg_client::operacoes::estoque::{
    ComunicacaoVendaEntradaEstoque, ComunicacaoVendaSaidaEstoque, ConsultaAptidaoVeiculoEstoque,
    ConsultaSolicitacaoTransferencia, RespostaAptidaoVeiculoEstoque,
    RespostaConsultaSolicitacaoTransferencia, SolicitacaoTransferencia,
};
use renave_mg_client::operacoes::protocolo_digital::{
    ConsultaProtocoloRenave, ConsultaVeiculosComunicacaoVenda, ProcessoTransferencia,
    RegularizacaoPendencia, RespostaCriarProcesso, RespostaProtocoloRenave, UploadFichaCadastro,
    VeiculoComunicacaoVenda,
};
use renave_mg_client::operacoes::tabelas_auxiliares::RespostaTabelaAuxiliar;
use renave_mg_client::operacoes::vistoria::{
    CompradorChassi, ConsultaRegioesMunicipio, DistribuicaoVeiculoEcv, RegiaoMunicipio,
    RespostaDistribuicao, RespostaUltimoLaudo,
};
use renave_mg_client::{ApiCetMg, Erro, Lista, RespostaRetorno, TokenAcesso};
use secrecy::SecretString;

/// A fake CET-MG: the vehicle is "apto" unless `bloqueado`; counts the calls.
#[derive(Default)]
struct CetMgFalso {
    bloqueado: bool,
    chamadas: AtomicUsize,
}

impl CetMgFalso {
    fn conta(&self) {
        self.chamadas.fetch_add(1, Ordering::SeqCst);
    }
}

#[async_trait]
impl ApiCetMg for CetMgFalso {
    async fn gerar_token(&self) -> Result<TokenAcesso, Erro> {
        self.conta();
        let agora = SystemTime::now();
        Ok(TokenAcesso::new(
            SecretString::from("falso"),
            agora + Duration::from_secs(3600),
            agora + Duration::from_secs(3300),
        ))
    }
    async fn consultar_aptidao_veiculo_estoque(
        &self,
        _: &ConsultaAptidaoVeiculoEstoque,
    ) -> Result<RespostaAptidaoVeiculoEstoque, Erro> {
        self.conta();
        // A caller can build the answer it wants from JSON, as the server would send it
        // (every blocking item reported: an item left out would make it indeterminado).
        Ok(serde_json::from_value(serde_json::json!({
            "codigo_retorno": "000",
            "gravame": self.bloqueado,
            "laudo_csv_em_aberto": false, "reserva_dominio": false, "multas_exigiveis": 0,
            "pendencias_trlav": false, "pendencias_ipva": false, "pendencias_dpvat": false,
            "impedimentos_cadastrais": false, "recall_pendente": false,
            "estampagem_em_aberto": false, "observacoes_impeditivas_laudo": false,
        }))
        .unwrap())
    }
    async fn consultar_solicitacao_transferencia(
        &self,
        _: &ConsultaSolicitacaoTransferencia,
    ) -> Result<RespostaConsultaSolicitacaoTransferencia, Erro> {
        self.conta();
        Ok(RespostaConsultaSolicitacaoTransferencia::default())
    }
    async fn registrar_solicitacao_transferencia(
        &self,
        _: &SolicitacaoTransferencia,
    ) -> Result<RespostaRetorno, Erro> {
        self.conta();
        Ok(RespostaRetorno::default())
    }
    async fn registrar_comunicacao_venda_entrada_estoque(
        &self,
        _: &ComunicacaoVendaEntradaEstoque,
    ) -> Result<RespostaRetorno, Erro> {
        self.conta();
        Ok(RespostaRetorno::default())
    }
    async fn registrar_comunicacao_venda_saida_estoque(
        &self,
        _: &ComunicacaoVendaSaidaEstoque,
    ) -> Result<RespostaRetorno, Erro> {
        self.conta();
        Ok(RespostaRetorno::default())
    }
    async fn emitir_guia_dae(&self, _: &EmissaoGuiaDae) -> Result<RespostaEmitirGuiaDae, Erro> {
        self.conta();
        Ok(RespostaEmitirGuiaDae::default())
    }
    async fn consultar_distribuicao_ativa(
        &self,
        _: &CompradorChassi,
    ) -> Result<RespostaDistribuicao, Erro> {
        self.conta();
        Ok(RespostaDistribuicao::default())
    }
    async fn consultar_ultimo_laudo(
        &self,
        _: &CompradorChassi,
    ) -> Result<RespostaUltimoLaudo, Erro> {
        self.conta();
        Ok(RespostaUltimoLaudo::default())
    }
    async fn retornar_regioes_municipio(
        &self,
        _: &ConsultaRegioesMunicipio,
    ) -> Result<Lista<RegiaoMunicipio>, Erro> {
        self.conta();
        Ok(Lista::new(vec![RegiaoMunicipio::default()]))
    }
    async fn distribuir_veiculo_ecv(
        &self,
        _: &DistribuicaoVeiculoEcv,
    ) -> Result<RespostaDistribuicao, Erro> {
        self.conta();
        Ok(RespostaDistribuicao::default())
    }
    async fn consultar_agendamento(
        &self,
        _: &CompradorChassi,
    ) -> Result<RespostaAgendamento, Erro> {
        self.conta();
        Ok(RespostaAgendamento::default())
    }
    async fn retornar_datas_com_vagas(
        &self,
        _: &CompradorChassi,
    ) -> Result<Lista<DataComVaga>, Erro> {
        self.conta();
        Ok(Lista::new(vec![DataComVaga::default()]))
    }
    async fn retornar_periodos_atendimento(
        &self,
        _: &ConsultaPeriodosAtendimento,
    ) -> Result<Lista<PeriodoAtendimento>, Erro> {
        self.conta();
        Ok(Lista::default())
    }
    async fn gravar_agendamento(&self, _: &Agendamento) -> Result<RespostaRetorno, Erro> {
        self.conta();
        Ok(RespostaRetorno::default())
    }
    async fn criar_processo_transferencia(
        &self,
        _: &ProcessoTransferencia,
    ) -> Result<RespostaCriarProcesso, Erro> {
        self.conta();
        Ok(RespostaCriarProcesso::default())
    }
    async fn recuperar_protocolo_renave(
        &self,
        _: &ConsultaProtocoloRenave,
    ) -> Result<RespostaProtocoloRenave, Erro> {
        self.conta();
        Ok(RespostaProtocoloRenave::default())
    }
    async fn regularizar_pendencia_renave(
        &self,
        _: &RegularizacaoPendencia,
    ) -> Result<RespostaRetorno, Erro> {
        self.conta();
        Ok(RespostaRetorno::default())
    }
    async fn upload_documento_ficha_cadastro(
        &self,
        _: &UploadFichaCadastro,
    ) -> Result<RespostaRetorno, Erro> {
        self.conta();
        Ok(RespostaRetorno::default())
    }
    async fn listar_veiculos_comunicacao_venda(
        &self,
        _: &ConsultaVeiculosComunicacaoVenda,
    ) -> Result<Lista<VeiculoComunicacaoVenda>, Erro> {
        self.conta();
        Ok(Lista::new(vec![VeiculoComunicacaoVenda::default()]))
    }
    async fn consultar_carrocerias(&self) -> Result<RespostaTabelaAuxiliar, Erro> {
        self.conta();
        Ok(Lista::default())
    }
    async fn consultar_categorias(&self) -> Result<RespostaTabelaAuxiliar, Erro> {
        self.conta();
        Ok(Lista::default())
    }
    async fn consultar_combustiveis(&self) -> Result<RespostaTabelaAuxiliar, Erro> {
        self.conta();
        Ok(Lista::default())
    }
    async fn consultar_cores(&self) -> Result<RespostaTabelaAuxiliar, Erro> {
        self.conta();
        Ok(Lista::default())
    }
    async fn consultar_especies(&self) -> Result<RespostaTabelaAuxiliar, Erro> {
        self.conta();
        Ok(Lista::default())
    }
    async fn consultar_marcas_modelos(&self) -> Result<RespostaTabelaAuxiliar, Erro> {
        self.conta();
        Ok(Lista::default())
    }
    async fn consultar_municipios_mg(&self) -> Result<RespostaTabelaAuxiliar, Erro> {
        self.conta();
        Ok(Lista::default())
    }
    async fn consultar_tipos_veiculo(&self) -> Result<RespostaTabelaAuxiliar, Erro> {
        self.conta();
        Ok(Lista::default())
    }
}

/// An integradora's service, written against the trait.
async fn pode_entrar_no_estoque(api: &dyn ApiCetMg) -> Result<bool, Erro> {
    let resposta = api
        .consultar_aptidao_veiculo_estoque(&ConsultaAptidaoVeiculoEstoque {
            chassi: chassi(),
            cpf_cnpj_proprietario: cpf(),
            cpf_cnpj_estabelecimento: cnpj(),
        })
        .await?;
    Ok(resposta.avaliacao().pode_prosseguir())
}

#[tokio::test]
async fn servico_usa_um_substituto_do_cliente() {
    let apto: Arc<dyn ApiCetMg> = Arc::new(CetMgFalso::default());
    assert!(pode_entrar_no_estoque(apto.as_ref()).await.unwrap());
    let falso = Arc::new(CetMgFalso {
        bloqueado: true,
        ..CetMgFalso::default()
    });
    let bloqueado: Arc<dyn ApiCetMg> = Arc::clone(&falso) as Arc<dyn ApiCetMg>;
    assert!(!pode_entrar_no_estoque(bloqueado.as_ref()).await.unwrap());
    assert_eq!(
        bloqueado
            .consultar_cores()
            .await
            .unwrap()
            .dados
            .len_recebido(),
        0
    );
    assert_eq!(
        bloqueado
            .listar_veiculos_comunicacao_venda(&ConsultaVeiculosComunicacaoVenda {
                cpf_cnpj_proprietario: cpf(),
            })
            .await
            .unwrap()
            .dados
            .len_recebido(),
        1
    );
    assert_eq!(falso.chamadas.load(Ordering::SeqCst), 3);
}
