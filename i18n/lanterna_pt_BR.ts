<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR" sourcelanguage="en">
<context>
    <name>lanterna::ui::ExportDialog</name>
    <message>
        <source>Export clip</source>
        <translation>Exportar clipe</translation>
    </message>
    <message>
        <source>MP4 video (H.264)</source>
        <translation>Vídeo MP4 (H.264)</translation>
    </message>
    <message>
        <source>GIF animation</source>
        <translation>Animação GIF</translation>
    </message>
    <message>
        <source>WebM video (VP9)</source>
        <translation>Vídeo WebM (VP9)</translation>
    </message>
    <message>
        <source>PNG sequence (folder)</source>
        <translation>Sequência PNG (pasta)</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>Formato</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Destino</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Procurar...</translation>
    </message>
    <message>
        <source>Browse for a destination</source>
        <translation>Procurar um destino</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>As generated (%1 px)</source>
        <translation>Como gerado (%1 px)</translation>
    </message>
    <message>
        <source>%1 x %1 px (resized)</source>
        <translation>%1 x %1 px (redimensionado)</translation>
    </message>
    <message>
        <source>Larger sizes are resized; they add no detail. For more detail train a bigger model with the same trainer.</source>
        <translation>Tamanhos maiores são redimensionados e não acrescentam detalhes. Para mais detalhes, treine um modelo maior com o mesmo treinador.</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>Qualidade</translation>
    </message>
    <message>
        <source>Constant rate factor: lower is better quality and a bigger file</source>
        <translation>Fator de taxa constante: menor significa mais qualidade e um arquivo maior</translation>
    </message>
    <message>
        <source>Loop forever</source>
        <translation>Repetir sempre</translation>
    </message>
    <message>
        <source>First frame</source>
        <translation>Primeiro quadro</translation>
    </message>
    <message>
        <source>Last frame</source>
        <translation>Último quadro</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportar</translation>
    </message>
    <message>
        <source>to</source>
        <translation>até</translation>
    </message>
    <message>
        <source>Save to</source>
        <translation>Salvar em</translation>
    </message>
    <message>
        <source>Quality (CRF)</source>
        <translation>Qualidade (CRF)</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Quadros</translation>
    </message>
    <message>
        <source>Export PNG frames into</source>
        <translation>Exportar quadros PNG para</translation>
    </message>
    <message>
        <source>Clips (*%1)</source>
        <translation>Clipes (*%1)</translation>
    </message>
    <message>
        <source>Exporting...</source>
        <translation>Exportando...</translation>
    </message>
    <message>
        <source>Exported.</source>
        <translation>Exportado.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>lanterna::ui::HistoryPanel</name>
    <message>
        <source>Compare</source>
        <translation>Comparar</translation>
    </message>
    <message>
        <source>Play the two selected clips side by side</source>
        <translation>Reproduzir os dois clipes selecionados lado a lado</translation>
    </message>
    <message>
        <source>Every generation of this session; click one to restore it</source>
        <translation>Todas as gerações desta sessão; clique em uma para restaurá-la</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Histórico</translation>
    </message>
    <message>
        <source>%1
seed %2 · %3 frames · %4 steps</source>
        <translation>%1
semente %2 · %3 quadros · %4 passos</translation>
    </message>
    <message>
        <source>Compare clips</source>
        <translation>Comparar clipes</translation>
    </message>
</context>
<context>
    <name>lanterna::ui::InputPanel</name>
    <message>
        <source>Open...</source>
        <translation>Abrir...</translation>
    </message>
    <message>
        <source>Open an image or a clip to animate or edit</source>
        <translation>Abrir uma imagem ou um clipe para animar ou editar</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Colar</translation>
    </message>
    <message>
        <source>Paste an image from the clipboard</source>
        <translation>Colar uma imagem da área de transferência</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Limpar</translation>
    </message>
    <message>
        <source>Remove the input</source>
        <translation>Remover a entrada</translation>
    </message>
    <message>
        <source>Input image</source>
        <translation>Imagem de entrada</translation>
    </message>
    <message>
        <source>Drop an image or a clip here</source>
        <translation>Solte uma imagem ou um clipe aqui</translation>
    </message>
    <message>
        <source>No input. Drop an image to animate it, or a clip to edit it.</source>
        <translation>Sem entrada. Solte uma imagem para animá-la ou um clipe para editá-lo.</translation>
    </message>
    <message>
        <source>Still image, %1 x %2 px.</source>
        <translation>Imagem estática, %1 x %2 px.</translation>
    </message>
    <message>
        <source>Clip, %1 x %2 px, %3 frames at %4 fps.</source>
        <translation>Clipe, %1 x %2 px, %3 quadros a %4 qps.</translation>
    </message>
    <message>
        <source>The centred %1 x %1 square is kept (the models work on square frames);</source>
        <translation>O quadrado central de %1 x %1 é mantido (os modelos trabalham com quadros quadrados);</translation>
    </message>
    <message>
        <source>it is resized to %1 x %1 for the model and the result is %2 x %2.</source>
        <translation>ele é redimensionado para %1 x %1 para o modelo e o resultado tem %2 x %2.</translation>
    </message>
    <message>
        <source>Open an image or a clip</source>
        <translation>Abrir uma imagem ou um clipe</translation>
    </message>
    <message>
        <source>Images and clips (*.png *.jpg *.jpeg *.webp *.bmp *.mp4 *.webm *.mov *.gif);;All files (*)</source>
        <translation>Imagens e clipes (*.png *.jpg *.jpeg *.webp *.bmp *.mp4 *.webm *.mov *.gif);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>pasted image</source>
        <translation>imagem colada</translation>
    </message>
    <message>
        <source>dropped image</source>
        <translation>imagem solta</translation>
    </message>
</context>
<context>
    <name>lanterna::ui::MainWindow</name>
    <message>
        <source>Models: %1</source>
        <translation>Modelos: %1</translation>
    </message>
    <message>
        <source>Ready.</source>
        <translation>Pronto.</translation>
    </message>
    <message>
        <source>No models</source>
        <translation>Sem modelos</translation>
    </message>
    <message>
        <source>Could not load the models: %1</source>
        <translation>Não foi possível carregar os modelos: %1</translation>
    </message>
    <message>
        <source>Generating...</source>
        <translation>Gerando...</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Cancelado.</translation>
    </message>
    <message>
        <source>Restored the settings this clip was made with.</source>
        <translation>As configurações com que este clipe foi feito foram restauradas.</translation>
    </message>
    <message>
        <source>About Lanterna</source>
        <translation>Sobre o Lanterna</translation>
    </message>
    <message>
        <source>Lanterna %1: a video studio built on a space-time diffusion model (Lumiere-style STUNet).</source>
        <translation>Lanterna %1: um estúdio de vídeo construído sobre um modelo de difusão espaço-temporal (STUNet no estilo do Lumiere).</translation>
    </message>
    <message>
        <source>Why square 128 x 128?</source>
        <translation>Por que quadrado 128 x 128?</translation>
    </message>
    <message>
        <source>The shipped models are small so that they run on an ordinary CPU: the base model generates 32 x 32 frames and the super-resolution stage brings them to 128 x 128. Inputs are centre-cropped to a square because the models are trained on square clips. For bigger output, train a bigger model with the same trainer (lanterna-cli train) on a bigger machine and copy it into the models folder.</source>
        <translation>Os modelos incluídos são pequenos para rodar em uma CPU comum: o modelo base gera quadros de 32 x 32 e a etapa de super-resolução os leva a 128 x 128. As entradas são recortadas ao quadrado central porque os modelos são treinados com clipes quadrados. Para saídas maiores, treine um modelo maior com o mesmo treinador (lanterna-cli train) em uma máquina maior e copie-o para a pasta de modelos.</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Mask</source>
        <translation>Máscara</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Linha do tempo</translation>
    </message>
    <message>
        <source>Plots</source>
        <translation>Gráficos</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Histórico</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>Abrir &amp;recente</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Editar</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>&amp;Gerar</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>&amp;Reprodução</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>E&amp;xibir</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;New Project</source>
        <translation>&amp;Novo projeto</translation>
    </message>
    <message>
        <source>&amp;Open Project...</source>
        <translation>&amp;Abrir projeto...</translation>
    </message>
    <message>
        <source>&amp;Save Project</source>
        <translation>&amp;Salvar projeto</translation>
    </message>
    <message>
        <source>Save Project &amp;As...</source>
        <translation>Salvar projeto &amp;como...</translation>
    </message>
    <message>
        <source>&amp;Export Clip...</source>
        <translation>&amp;Exportar clipe...</translation>
    </message>
    <message>
        <source>Open &amp;Input Image or Clip...</source>
        <translation>Abrir &amp;imagem ou clipe de entrada...</translation>
    </message>
    <message>
        <source>Open &amp;Training Loss...</source>
        <translation>Abrir perda de &amp;treinamento...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>Sai&amp;r</translation>
    </message>
    <message>
        <source>&amp;Undo Mask Edit</source>
        <translation>&amp;Desfazer edição da máscara</translation>
    </message>
    <message>
        <source>&amp;Redo Mask Edit</source>
        <translation>&amp;Refazer edição da máscara</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Cancelar</translation>
    </message>
    <message>
        <source>&amp;Play / Pause</source>
        <translation>&amp;Reproduzir / pausar</translation>
    </message>
    <message>
        <source>P&amp;revious Frame</source>
        <translation>Quadro &amp;anterior</translation>
    </message>
    <message>
        <source>&amp;Next Frame</source>
        <translation>&amp;Próximo quadro</translation>
    </message>
    <message>
        <source>Set &amp;In Marker</source>
        <translation>Definir marcador de &amp;entrada</translation>
    </message>
    <message>
        <source>Set &amp;Out Marker</source>
        <translation>Definir marcador de &amp;saída</translation>
    </message>
    <message>
        <source>&amp;About Lanterna</source>
        <translation>&amp;Sobre o Lanterna</translation>
    </message>
    <message>
        <source>Why Square 128 x 128?</source>
        <translation>Por que quadrado 128 x 128?</translation>
    </message>
    <message>
        <source>Type a prompt and press Generate (Ctrl+Return).
The frames appear here as they take shape.</source>
        <translation>Digite uma descrição e pressione Gerar (Ctrl+Enter).
Os quadros aparecem aqui à medida que tomam forma.</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Pré-visualização</translation>
    </message>
    <message>
        <source>The current clip; during a generation, the estimate of every frame</source>
        <translation>O clipe atual; durante uma geração, a estimativa de cada quadro</translation>
    </message>
    <message>
        <source>Generation progress</source>
        <translation>Progresso da geração</translation>
    </message>
    <message>
        <source>Loading models...</source>
        <translation>Carregando modelos...</translation>
    </message>
    <message>
        <source>Starting...</source>
        <translation>Iniciando...</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Cancelando...</translation>
    </message>
    <message>
        <source>super-resolution</source>
        <translation>super-resolução</translation>
    </message>
    <message>
        <source>base</source>
        <translation>base</translation>
    </message>
    <message>
        <source>Step %1 / %2 (%3) · about %4 s left</source>
        <translation>Passo %1 / %2 (%3) · faltam cerca de %4 s</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>step %1 / %2 (%3)</source>
        <translation>passo %1 / %2 (%3)</translation>
    </message>
    <message>
        <source>Generated %1 frames of %2 x %3.</source>
        <translation>Gerados %1 quadros de %2 x %3.</translation>
    </message>
    <message>
        <source>Generation failed.</source>
        <translation>A geração falhou.</translation>
    </message>
    <message>
        <source>Generation failed: %1</source>
        <translation>A geração falhou: %1</translation>
    </message>
    <message>
        <source>Generate a clip first, then export it.</source>
        <translation>Gere um clipe primeiro e depois exporte-o.</translation>
    </message>
    <message>
        <source>Exported %1.</source>
        <translation>%1 exportado.</translation>
    </message>
    <message>
        <source>Open an image or a clip</source>
        <translation>Abrir uma imagem ou um clipe</translation>
    </message>
    <message>
        <source>Images and clips (*.png *.jpg *.jpeg *.webp *.bmp *.mp4 *.webm *.mov *.gif);;All files (*)</source>
        <translation>Imagens e clipes (*.png *.jpg *.jpeg *.webp *.bmp *.mp4 *.webm *.mov *.gif);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Open a training loss file</source>
        <translation>Abrir um arquivo de perda de treinamento</translation>
    </message>
    <message>
        <source>Loss files (*.csv);;All files (*)</source>
        <translation>Arquivos de perda (*.csv);;Todos os arquivos (*)</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Sem título</translation>
    </message>
    <message>
        <source>%1[*] - Lanterna</source>
        <translation>%1[*] - Lanterna</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Alterações não salvas</translation>
    </message>
    <message>
        <source>The project has unsaved changes. Save them?</source>
        <translation>O projeto tem alterações não salvas. Salvá-las?</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Abrir projeto</translation>
    </message>
    <message>
        <source>Lanterna projects (*.lanterna)</source>
        <translation>Projetos do Lanterna (*.lanterna)</translation>
    </message>
    <message>
        <source>Could not open the project: %1</source>
        <translation>Não foi possível abrir o projeto: %1</translation>
    </message>
    <message>
        <source>Save project</source>
        <translation>Salvar projeto</translation>
    </message>
    <message>
        <source>Could not save the project: %1</source>
        <translation>Não foi possível salvar o projeto: %1</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 salvo.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salvar</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>lanterna::ui::MaskCanvas</name>
    <message>
        <source>Fill mask</source>
        <translation>Preencher máscara</translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation>Limpar máscara</translation>
    </message>
    <message>
        <source>Invert mask</source>
        <translation>Inverter máscara</translation>
    </message>
    <message>
        <source>Paint stroke</source>
        <translation>Pincelada</translation>
    </message>
    <message>
        <source>Erase stroke</source>
        <translation>Traço de borracha</translation>
    </message>
</context>
<context>
    <name>lanterna::ui::MaskPanel</name>
    <message>
        <source>Brush: paint the region to regenerate or animate (B)</source>
        <translation>Pincel: pinte a região a regenerar ou animar (B)</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>Pincel</translation>
    </message>
    <message>
        <source>Eraser: mark pixels to keep (E)</source>
        <translation>Borracha: marque os pixels a manter (E)</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>Borracha</translation>
    </message>
    <message>
        <source>Fill the whole mask</source>
        <translation>Preencher a máscara inteira</translation>
    </message>
    <message>
        <source>Fill mask</source>
        <translation>Preencher máscara</translation>
    </message>
    <message>
        <source>Clear the mask</source>
        <translation>Limpar a máscara</translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation>Limpar máscara</translation>
    </message>
    <message>
        <source>Invert the mask</source>
        <translation>Inverter a máscara</translation>
    </message>
    <message>
        <source>Invert mask</source>
        <translation>Inverter máscara</translation>
    </message>
    <message>
        <source>Show the mask over the picture</source>
        <translation>Mostrar a máscara sobre a imagem</translation>
    </message>
    <message>
        <source>Show overlay</source>
        <translation>Mostrar sobreposição</translation>
    </message>
    <message>
        <source>Undo the last mask edit</source>
        <translation>Desfazer a última edição da máscara</translation>
    </message>
    <message>
        <source>Undo mask edit</source>
        <translation>Desfazer edição da máscara</translation>
    </message>
    <message>
        <source>Redo the mask edit</source>
        <translation>Refazer a edição da máscara</translation>
    </message>
    <message>
        <source>Redo mask edit</source>
        <translation>Refazer edição da máscara</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Tamanho</translation>
    </message>
    <message>
        <source>Brush diameter, in percent of the picture width</source>
        <translation>Diâmetro do pincel, em porcentagem da largura da imagem</translation>
    </message>
    <message>
        <source>Brush size</source>
        <translation>Tamanho do pincel</translation>
    </message>
    <message>
        <source>Feather</source>
        <translation>Suavização</translation>
    </message>
    <message>
        <source>Softness of the brush edge</source>
        <translation>Suavidade da borda do pincel</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Quadros</translation>
    </message>
    <message>
        <source>All frames</source>
        <translation>Todos os quadros</translation>
    </message>
    <message>
        <source>In/out range only</source>
        <translation>Só o intervalo de entrada/saída</translation>
    </message>
    <message>
        <source>Which frames of the clip the mask applies to</source>
        <translation>A quais quadros do clipe a máscara se aplica</translation>
    </message>
    <message>
        <source>Mask frames</source>
        <translation>Quadros da máscara</translation>
    </message>
    <message>
        <source>Paint the region to regenerate (inpaint) or animate (cinemagraph)</source>
        <translation>Pinte a região a regenerar (preenchimento) ou animar (cinemagrafia)</translation>
    </message>
    <message>
        <source>Mask canvas</source>
        <translation>Tela da máscara</translation>
    </message>
</context>
<context>
    <name>lanterna::ui::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Dispensar</translation>
    </message>
    <message>
        <source>Dismiss message</source>
        <translation>Dispensar mensagem</translation>
    </message>
</context>
<context>
    <name>lanterna::ui::PlotsPanel</name>
    <message>
        <source>Sampling</source>
        <translation>Amostragem</translation>
    </message>
    <message>
        <source>Motion</source>
        <translation>Movimento</translation>
    </message>
    <message>
        <source>Training loss</source>
        <translation>Perda de treinamento</translation>
    </message>
    <message>
        <source>Noise level and update size at every sampling step</source>
        <translation>Nível de ruído e tamanho da atualização a cada passo de amostragem</translation>
    </message>
    <message>
        <source>How much the masked region (or the frame) changes per frame</source>
        <translation>Quanto a região mascarada (ou o quadro) muda a cada quadro</translation>
    </message>
    <message>
        <source>Loss of a training run (File &gt; Open Training Loss)</source>
        <translation>Perda de um treinamento (Arquivo &gt; Abrir perda de treinamento)</translation>
    </message>
    <message>
        <source>noise level</source>
        <translation>nível de ruído</translation>
    </message>
    <message>
        <source>update per step</source>
        <translation>atualização por passo</translation>
    </message>
    <message>
        <source>step</source>
        <translation>passo</translation>
    </message>
    <message>
        <source>mean change of the estimate</source>
        <translation>mudança média da estimativa</translation>
    </message>
    <message>
        <source>Sampling trajectory plot</source>
        <translation>Gráfico da trajetória de amostragem</translation>
    </message>
    <message>
        <source>frame</source>
        <translation>quadro</translation>
    </message>
    <message>
        <source>mean change</source>
        <translation>mudança média</translation>
    </message>
    <message>
        <source>Motion plot</source>
        <translation>Gráfico de movimento</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>perda</translation>
    </message>
    <message>
        <source>Training loss plot</source>
        <translation>Gráfico da perda de treinamento</translation>
    </message>
    <message>
        <source>No loss file loaded.</source>
        <translation>Nenhum arquivo de perda carregado.</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>não foi possível abrir %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a loss file: the header must name the columns step and loss</source>
        <translation>%1 não é um arquivo de perda: o cabeçalho deve nomear as colunas step e loss</translation>
    </message>
    <message>
        <source>%1 holds no loss values</source>
        <translation>%1 não contém valores de perda</translation>
    </message>
    <message>
        <source>%1: %2 steps, last loss %3</source>
        <translation>%1: %2 passos, última perda %3</translation>
    </message>
</context>
<context>
    <name>lanterna::ui::PromptEdit</name>
    <message>
        <source>"%1" is not in the model's vocabulary and will be ignored.</source>
        <translation>"%1" não está no vocabulário do modelo e será ignorada.</translation>
    </message>
</context>
<context>
    <name>lanterna::ui::PromptPanel</name>
    <message>
        <source>&amp;Prompt</source>
        <translation>&amp;Descrição</translation>
    </message>
    <message>
        <source>&amp;Negative prompt</source>
        <translation>Descrição &amp;negativa</translation>
    </message>
    <message>
        <source>&amp;Mode</source>
        <translation>&amp;Modo</translation>
    </message>
    <message>
        <source>St&amp;yle</source>
        <translation>Es&amp;tilo</translation>
    </message>
    <message>
        <source>S&amp;eed</source>
        <translation>S&amp;emente</translation>
    </message>
    <message>
        <source>&amp;Frames</source>
        <translation>&amp;Quadros</translation>
    </message>
    <message>
        <source>FP&amp;S</source>
        <translation>Q&amp;PS</translation>
    </message>
    <message>
        <source>S&amp;teps</source>
        <translation>Pa&amp;ssos</translation>
    </message>
    <message>
        <source>&amp;Guidance</source>
        <translation>&amp;Orientação</translation>
    </message>
    <message>
        <source>Sa&amp;mpler</source>
        <translation>Amostrad&amp;or</translation>
    </message>
    <message>
        <source>Edit st&amp;rength</source>
        <translation>Intensidade da edi&amp;ção</translation>
    </message>
    <message>
        <source>E&amp;xpand (px)</source>
        <translation>E&amp;xpandir (px)</translation>
    </message>
    <message>
        <source>a red circle moving right on a black background</source>
        <translation>ex.: a red circle moving right on a black background (descrições em inglês)</translation>
    </message>
    <message>
        <source>What to generate. Words the model does not know are underlined.</source>
        <translation>O que gerar. Palavras que o modelo não conhece ficam sublinhadas.</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>Descrição</translation>
    </message>
    <message>
        <source>what to avoid (optional)</source>
        <translation>o que evitar (opcional)</translation>
    </message>
    <message>
        <source>Negative prompt for classifier-free guidance</source>
        <translation>Descrição negativa para a orientação sem classificador</translation>
    </message>
    <message>
        <source>Negative prompt</source>
        <translation>Descrição negativa</translation>
    </message>
    <message>
        <source>Text to video</source>
        <translation>Texto para vídeo</translation>
    </message>
    <message>
        <source>Image to video</source>
        <translation>Imagem para vídeo</translation>
    </message>
    <message>
        <source>Inpaint</source>
        <translation>Preencher região</translation>
    </message>
    <message>
        <source>Cinemagraph</source>
        <translation>Cinemagrafia</translation>
    </message>
    <message>
        <source>Outpaint</source>
        <translation>Expandir bordas</translation>
    </message>
    <message>
        <source>Video to video</source>
        <translation>Vídeo para vídeo</translation>
    </message>
    <message>
        <source>Upscale</source>
        <translation>Ampliar</translation>
    </message>
    <message>
        <source>What the generation starts from</source>
        <translation>A partir de que a geração começa</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modo</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Nenhum</translation>
    </message>
    <message>
        <source>Style pack blended into the model's spatial weights</source>
        <translation>Pacote de estilo misturado aos pesos espaciais do modelo</translation>
    </message>
    <message>
        <source>Style</source>
        <translation>Estilo</translation>
    </message>
    <message>
        <source>Style strength: 0 is the base model, 1 the full style</source>
        <translation>Intensidade do estilo: 0 é o modelo base, 1 o estilo completo</translation>
    </message>
    <message>
        <source>Style strength</source>
        <translation>Intensidade do estilo</translation>
    </message>
    <message>
        <source>Random seed: the same seed and settings give the same clip</source>
        <translation>Semente aleatória: a mesma semente e configurações dão o mesmo clipe</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Semente</translation>
    </message>
    <message>
        <source>Lock the seed (otherwise every generation rolls a new one)</source>
        <translation>Travar a semente (senão cada geração sorteia uma nova)</translation>
    </message>
    <message>
        <source>Lock seed</source>
        <translation>Travar semente</translation>
    </message>
    <message>
        <source>Roll a random seed</source>
        <translation>Sortear uma semente</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>Semente aleatória</translation>
    </message>
    <message>
        <source>Number of frames, a multiple of 4 in the model's range</source>
        <translation>Número de quadros, múltiplo de 4 na faixa do modelo</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>Quadros</translation>
    </message>
    <message>
        <source>Frame rate of the clip</source>
        <translation>Taxa de quadros do clipe</translation>
    </message>
    <message>
        <source>Frames per second</source>
        <translation>Quadros por segundo</translation>
    </message>
    <message>
        <source>Sampling steps: more is slower and cleaner</source>
        <translation>Passos de amostragem: mais é mais lento e mais limpo</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Passos</translation>
    </message>
    <message>
        <source>Classifier-free guidance: how strongly to follow the prompt</source>
        <translation>Orientação sem classificador: quanto seguir a descrição</translation>
    </message>
    <message>
        <source>Guidance</source>
        <translation>Orientação</translation>
    </message>
    <message>
        <source>Sampling method</source>
        <translation>Método de amostragem</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>Amostrador</translation>
    </message>
    <message>
        <source>Video to video: 0 keeps the input clip, 1 ignores it (SDEdit noise level)</source>
        <translation>Vídeo para vídeo: 0 mantém o clipe de entrada, 1 o ignora (nível de ruído do SDEdit)</translation>
    </message>
    <message>
        <source>Edit strength</source>
        <translation>Intensidade da edição</translation>
    </message>
    <message>
        <source>Outpaint: new border added on every side, in input pixels</source>
        <translation>Expandir bordas: nova borda em cada lado, em pixels da entrada</translation>
    </message>
    <message>
        <source>Outpaint border</source>
        <translation>Borda da expansão</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>Gerar</translation>
    </message>
    <message>
        <source>Generate a clip (Ctrl+Return)</source>
        <translation>Gerar um clipe (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Stop the running generation (Esc)</source>
        <translation>Parar a geração em andamento (Esc)</translation>
    </message>
    <message>
        <source>Generates a clip from the prompt alone.</source>
        <translation>Gera um clipe só a partir da descrição.</translation>
    </message>
    <message>
        <source>Animates the input image: it becomes the first frame.</source>
        <translation>Anima a imagem de entrada: ela vira o primeiro quadro.</translation>
    </message>
    <message>
        <source>Regenerates the painted region of the input; the rest is kept.</source>
        <translation>Regenera a região pintada da entrada; o resto é mantido.</translation>
    </message>
    <message>
        <source>Animates only the painted region of the input image.</source>
        <translation>Anima só a região pintada da imagem de entrada.</translation>
    </message>
    <message>
        <source>Extends the input beyond its borders.</source>
        <translation>Estende a entrada além das bordas.</translation>
    </message>
    <message>
        <source>Re-renders the input clip with the new prompt.</source>
        <translation>Refaz o clipe de entrada com a nova descrição.</translation>
    </message>
    <message>
        <source>Super-resolves the input clip.</source>
        <translation>Aplica super-resolução ao clipe de entrada.</translation>
    </message>
    <message>
        <source>Not in the vocabulary (ignored): %1</source>
        <translation>Fora do vocabulário (ignoradas): %1</translation>
    </message>
    <message>
        <source>Two objects one at a time</source>
        <translation>Dois objetos um de cada vez</translation>
    </message>
    <message>
        <source>Text to video without a style: a prompt naming two objects is generated one object at a time and composed, the first-named on top (twice the steps; the model alone mixes up two objects)</source>
        <translation>Texto para vídeo sem estilo: um prompt que nomeia dois objetos é gerado um objeto de cada vez e composto, o primeiro nomeado por cima (o dobro de passos; o modelo sozinho confunde dois objetos)</translation>
    </message>
    <message>
        <source>C&amp;andidates</source>
        <translation>C&amp;andidatos</translation>
    </message>
    <message>
        <source>Text to video: clips drawn for each object, of which the one the model denoises best under the prompt is kept (each one more pass of the steps; 1 = a single pass)</source>
        <translation>Texto para vídeo: clipes gerados para cada objeto, dos quais se mantém aquele que o modelo melhor remove o ruído sob o prompt (cada um é mais uma passagem dos passos; 1 = uma única passagem)</translation>
    </message>
    <message>
        <source>Candidates</source>
        <translation>Candidatos</translation>
    </message>
</context>
<context>
    <name>lanterna::ui::TimelinePanel</name>
    <message>
        <source>Pause (Space)</source>
        <translation>Pausar (Espaço)</translation>
    </message>
    <message>
        <source>Play (Space)</source>
        <translation>Reproduzir (Espaço)</translation>
    </message>
    <message>
        <source>Play or pause</source>
        <translation>Reproduzir ou pausar</translation>
    </message>
    <message>
        <source>Loop playback</source>
        <translation>Repetir a reprodução</translation>
    </message>
    <message>
        <source>Loop</source>
        <translation>Repetir</translation>
    </message>
    <message>
        <source>In</source>
        <translation>Entrada</translation>
    </message>
    <message>
        <source>Set the in marker at the current frame (I)</source>
        <translation>Definir o marcador de entrada no quadro atual (I)</translation>
    </message>
    <message>
        <source>Set in marker</source>
        <translation>Definir marcador de entrada</translation>
    </message>
    <message>
        <source>Out</source>
        <translation>Saída</translation>
    </message>
    <message>
        <source>Set the out marker at the current frame (O)</source>
        <translation>Definir o marcador de saída no quadro atual (O)</translation>
    </message>
    <message>
        <source>Set out marker</source>
        <translation>Definir marcador de saída</translation>
    </message>
    <message>
        <source>Click or drag to scrub; Space plays, arrow keys step, I and O set the markers</source>
        <translation>Clique ou arraste para navegar; Espaço reproduz, as setas avançam quadro a quadro, I e O definem os marcadores</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Linha do tempo</translation>
    </message>
    <message>
        <source>No clip</source>
        <translation>Sem clipe</translation>
    </message>
    <message>
        <source>Frame %1 / %2 · %3 s · %4 fps · in %5, out %6</source>
        <translation>Quadro %1 / %2 · %3 s · %4 qps · entrada %5, saída %6</translation>
    </message>
</context>
<context>
    <name>lanterna::ui::TimelineStrip</name>
    <message>
        <source>No clip yet</source>
        <translation>Ainda sem clipe</translation>
    </message>
</context>
</TS>
